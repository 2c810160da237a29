-- pactwatch store schema, migration 001. One file for both back ends:
-- only types and statements that SQLite and PostgreSQL read alike
-- (TEXT dates "YYYY-MM-DD" sort as dates; hashes as 16 hex digits because
-- an unsigned 64-bit value does not fit BIGINT). Statements end with ';'
-- at the end of a line; '--' lines are comments.

CREATE TABLE documents (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL,
  date TEXT,
  title TEXT,
  source TEXT,
  url TEXT,
  lang TEXT,
  text TEXT
);

CREATE TABLE sentences (
  doc TEXT NOT NULL,
  idx INTEGER NOT NULL,
  start_off INTEGER,
  end_off INTEGER,
  text TEXT,
  PRIMARY KEY (doc, idx)
);

-- One row per coded event; pa/pb is the pair of countries sorted (a < b),
-- NULL when an endpoint is not a country (IGO, IMG, none): the tracker's
-- partnerships are country-country.
CREATE TABLE events (
  doc TEXT NOT NULL,
  id TEXT NOT NULL,
  sentence INTEGER NOT NULL,
  date TEXT,
  date_source TEXT,
  actor_code TEXT, actor_country TEXT, actor_sector TEXT, actor_text TEXT,
  actor_start INTEGER, actor_end INTEGER,
  recipient_code TEXT, recipient_country TEXT, recipient_sector TEXT, recipient_text TEXT,
  recipient_start INTEGER, recipient_end INTEGER,
  event TEXT NOT NULL,
  mode TEXT,
  context TEXT,
  security TEXT,
  modality TEXT,
  cameo TEXT,
  quad INTEGER,
  score DOUBLE PRECISION,
  trigger_text TEXT,
  text TEXT,
  pattern TEXT,
  pa TEXT,
  pb TEXT,
  PRIMARY KEY (doc, id)
);

-- The tracker's fold reads only these columns for one country's pairs up to
-- a date: covering indexes answer it from the index alone, without touching
-- the wide event rows (partners --as-of < 50 ms on 100k documents).
CREATE INDEX events_pa_date ON events (pa, date, pb, security, modality, date_source, context, doc, id);
CREATE INDEX events_pb_date ON events (pb, date, pa, security, modality, date_source, context, doc, id);
CREATE INDEX events_date ON events (date);
