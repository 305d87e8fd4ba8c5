-- 005-leaderboard-slides.sql
-- Copyright 2026 The Gongfu Atlas authors
--
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A briefing slide may show the competition's ranking (比拼晾晒): kind 'leaderboard', with the
-- year in last_year (NULL: the latest year with data when shown). SQLite cannot change a CHECK
-- constraint in place, so the table is rebuilt; migrations run with foreign keys off (see
-- migrate() in gf-database.c), so dropping the old table leaves the slides' clusters,
-- indicators and villages alone, and the rebuilt table takes over their references by name.

CREATE TABLE briefing_slide_005 (
  id             INTEGER PRIMARY KEY,
  briefing_id    INTEGER NOT NULL REFERENCES briefing (id) ON DELETE CASCADE,
  position       INTEGER NOT NULL CHECK (position >= 0),
  kind           TEXT NOT NULL CHECK (kind IN ('chart', 'map', 'leaderboard')),
  title          TEXT CHECK (title IS NULL OR title <> ''),
  chart_kind     TEXT CHECK (chart_kind IS NULL
                             OR chart_kind IN ('line', 'bar', 'stacked', 'growth', 'donut',
                                               'ranked', 'sparkline', 'multiples')),
  indicator_code TEXT CHECK (indicator_code IS NULL OR indicator_code <> ''),
  all_clusters   INTEGER NOT NULL DEFAULT 1 CHECK (all_clusters IN (0, 1)),
  first_year     INTEGER CHECK (first_year IS NULL OR first_year BETWEEN 1949 AND 2100),
  last_year      INTEGER CHECK (last_year IS NULL OR last_year BETWEEN 1949 AND 2100),
  fit            TEXT CHECK (fit IS NULL OR fit IN ('district', 'cluster')),
  fit_cluster_id INTEGER REFERENCES cluster (id) ON DELETE SET NULL,
  layers         INTEGER CHECK (layers IS NULL OR layers BETWEEN 1 AND 63),
  subject        TEXT NOT NULL DEFAULT 'clusters'
    CHECK (subject = 'clusters' OR (subject = 'villages' AND kind = 'chart' AND all_clusters = 0)),
  classify       TEXT
    CHECK (classify IS NULL OR (kind = 'map' AND classify IN ('quantile', 'equal', 'thresholds'))),
  n_classes      INTEGER CHECK (n_classes IS NULL OR (kind = 'map' AND n_classes BETWEEN 2 AND 7)),
  CHECK (first_year IS NULL OR last_year IS NULL OR first_year <= last_year),
  CHECK ((kind = 'chart') = (chart_kind IS NOT NULL)),
  CHECK (kind <> 'chart' OR indicator_code IS NOT NULL),
  CHECK ((kind = 'map') = (fit IS NOT NULL AND layers IS NOT NULL)),
  -- The ranking has no indicator, subjects or first year of its own.
  CHECK (kind <> 'leaderboard' OR (indicator_code IS NULL AND all_clusters = 1
                                   AND first_year IS NULL))
);

INSERT INTO briefing_slide_005
  SELECT id, briefing_id, position, kind, title, chart_kind, indicator_code, all_clusters,
         first_year, last_year, fit, fit_cluster_id, layers, subject, classify, n_classes
  FROM briefing_slide;

DROP TABLE briefing_slide;
ALTER TABLE briefing_slide_005 RENAME TO briefing_slide;
CREATE INDEX briefing_slide_order ON briefing_slide (briefing_id, position);
