"""The heavy pages' views: one module per page (or per part of a page), named after it; the shared kit is one level up."""
