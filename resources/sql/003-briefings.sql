-- 003-briefings.sql
-- Copyright 2026 The Gongfu Atlas authors
--
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Briefings (汇报): ordered slides that a leader presents full screen or hands out as a PDF.
-- A slide stores what to show (an indicator, clusters, years, a map extent), never numbers,
-- so that it shows the current data each time it is presented.

CREATE TABLE briefing (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
  -- The data source named on every page; NULL names the district's own statistics.
  source      TEXT CHECK (source IS NULL OR source <> ''),
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Positions run 0, 1, 2, … within a briefing; the store renumbers them on every move and
-- removal (no UNIQUE constraint: SQLite checks one row at a time, so shifting a range of
-- positions by one would collide half-way).
CREATE TABLE briefing_slide (
  id             INTEGER PRIMARY KEY,
  briefing_id    INTEGER NOT NULL REFERENCES briefing (id) ON DELETE CASCADE,
  position       INTEGER NOT NULL CHECK (position >= 0),
  kind           TEXT NOT NULL CHECK (kind IN ('chart', 'map')),
  -- NULL: a title made from the indicator, clusters and years.
  title          TEXT CHECK (title IS NULL OR title <> ''),
  -- Charts: line, bar, stacked, growth, donut, ranked, sparkline or multiples.
  chart_kind     TEXT CHECK (chart_kind IS NULL
                             OR chart_kind IN ('line', 'bar', 'stacked', 'growth', 'donut',
                                               'ranked', 'sparkline', 'multiples')),
  -- Charts: the indicator shown; maps: the indicator that colours the villages, or NULL for
  -- colours by cluster. A code rather than a reference, as in the import files.
  indicator_code TEXT CHECK (indicator_code IS NULL OR indicator_code <> ''),
  -- Charts: 1 for every cluster of the current layout, 0 for the clusters listed in
  -- briefing_slide_cluster.
  all_clusters   INTEGER NOT NULL DEFAULT 1 CHECK (all_clusters IN (0, 1)),
  -- NULL: the first or last year with data when the slide is shown. A map coloured by an
  -- indicator shows last_year.
  first_year     INTEGER CHECK (first_year IS NULL OR first_year BETWEEN 1949 AND 2100),
  last_year      INTEGER CHECK (last_year IS NULL OR last_year BETWEEN 1949 AND 2100),
  -- Maps: the whole district, or one cluster.
  fit            TEXT CHECK (fit IS NULL OR fit IN ('district', 'cluster')),
  fit_cluster_id INTEGER REFERENCES cluster (id) ON DELETE SET NULL,
  -- Maps: GfMapLayers flags.
  layers         INTEGER CHECK (layers IS NULL OR layers BETWEEN 1 AND 63),
  CHECK (first_year IS NULL OR last_year IS NULL OR first_year <= last_year),
  CHECK ((kind = 'chart') = (chart_kind IS NOT NULL)),
  CHECK (kind <> 'chart' OR indicator_code IS NOT NULL),
  CHECK ((kind = 'map') = (fit IS NOT NULL AND layers IS NOT NULL))
);
CREATE INDEX briefing_slide_order ON briefing_slide (briefing_id, position);

-- The clusters of a chart slide that does not show them all, in the order of its series.
CREATE TABLE briefing_slide_cluster (
  slide_id    INTEGER NOT NULL REFERENCES briefing_slide (id) ON DELETE CASCADE,
  cluster_id  INTEGER NOT NULL REFERENCES cluster (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL CHECK (position >= 0),
  PRIMARY KEY (slide_id, cluster_id)
) WITHOUT ROWID;
CREATE INDEX briefing_slide_cluster_cluster ON briefing_slide_cluster (cluster_id);
