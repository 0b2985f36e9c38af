-- warning_shot_quotes: every quote on warning shots with its speaker and source (example for the SQL page)
select q.said_on, q.speaker, q.text, s.title as source, s.url
from quotes as q
join sources as s using (source_id)
where q.provision_id = 'warning-shots'
order by q.said_on_date nulls last
