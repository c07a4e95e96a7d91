-- Outbound webhook URLs can hold secrets (a Slack hook's path, user:pass@). The audit log now
-- keeps only their scheme and host; rows written before keep no more than that either:
-- "https://hooks.slack.com/services/T0/B0/xyz" becomes "https://hooks.slack.com/***".
UPDATE "audit_events"
SET "data" = jsonb_set("data", '{url}', to_jsonb(regexp_replace("data"->>'url', '^([A-Za-z][A-Za-z0-9+.-]*://)(?:[^/?#]*@)?([^/?#]*).*$', '\1\2/***')))
WHERE "action" = 'webhook.create' AND jsonb_typeof("data"->'url') = 'string';
