"""Use-of-Force Policy Explorer: sourced data on US police use-of-force policy, and the app over it."""
