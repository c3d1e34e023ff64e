-- When this instance last read the partner's feed without an error, so that a link that recovered shows healthy
-- while its last error stays visible.
alter table partner_subscription add column last_read_at timestamp with time zone;
