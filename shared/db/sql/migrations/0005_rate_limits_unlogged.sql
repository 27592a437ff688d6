-- Every API call counts itself in rate_limit_windows: a write per request. The counts live for a
-- minute and mean nothing after a crash, so the table skips the write-ahead log: no WAL record or
-- flush per call. PostgreSQL empties an unlogged table after a crash, which only forgets the
-- current minute's counts (and the table is not replicated to standbys, which never serve it).
ALTER TABLE "rate_limit_windows" SET UNLOGGED;
