-- stances_per_document: how many provisions each document requires, prohibits, ... (example for the SQL page)
select doc_id, stance, count(*) as provisions
from positions
group by doc_id, stance
order by doc_id, provisions desc
