-- Users are deactivated rather than deleted (their name stays in every history they wrote); a token's last use
-- is recorded at most once per remembered period (see ApiUsers.REMEMBERED).
alter table api_user add column active boolean default true not null;
alter table api_user add column token_last_used_at timestamp(6) with time zone;
