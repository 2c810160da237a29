-- pactwatch live monitoring (`pactwatch watch`), migration 010: the state a
-- poller must keep across restarts so that it neither misses nor repeats.
-- Times are milliseconds since the Unix epoch (BIGINT); both back ends.

-- One row per polled feed: the validators for conditional GET, and the
-- outcome of the last attempt (for `watch --status` and the logs).
CREATE TABLE watch_feeds (
  url TEXT PRIMARY KEY,
  etag TEXT,
  last_modified TEXT,
  last_poll BIGINT,
  last_ok BIGINT,
  last_status INTEGER,
  last_error TEXT,
  failures INTEGER NOT NULL DEFAULT 0,
  items INTEGER NOT NULL DEFAULT 0
);

-- Every item ingested from a feed: its identity (guid, Atom id, link or
-- JSON id) and the content hash the store used. An item with a known id
-- and hash is not ingested again; a new hash is an edited item.
CREATE TABLE watch_items (
  id TEXT PRIMARY KEY,
  feed TEXT NOT NULL,
  hash TEXT NOT NULL,
  first_seen BIGINT NOT NULL,
  last_seen BIGINT NOT NULL
);

-- Every partnership change detected after an ingest (unfiltered): key is a
-- hash of pair, domain, from, to, date and evidence event. fired is set
-- once the change passed the run's filters and was emitted, so a change
-- that lacked sources can still fire when corroboration arrives.
CREATE TABLE watch_alerts (
  id TEXT PRIMARY KEY,
  pa TEXT NOT NULL,
  pb TEXT NOT NULL,
  domain TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  date TEXT NOT NULL,
  evidence TEXT NOT NULL,
  detected BIGINT NOT NULL,
  fired BIGINT,
  payload TEXT
);

CREATE INDEX watch_alerts_pair ON watch_alerts (pa, pb);

-- The webhook outbox: written in the ingest's transaction, delivered
-- afterwards with retries; delivered only set on a 2xx answer.
CREATE TABLE watch_outbox (
  alert TEXT NOT NULL,
  url TEXT NOT NULL,
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_try BIGINT NOT NULL,
  delivered BIGINT,
  last_error TEXT,
  PRIMARY KEY (alert, url)
);
