-- 001-initial.sql
-- Copyright 2026 The Gongfu Atlas authors
--
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The first schema of a district database. Geometries are stored as GfGeometry blobs
-- (see app/gf-geometry.h) in WGS84 / CGCS2000 degrees, with their bounding box in plain
-- columns so that a viewport query needs no blob decoding.

CREATE TABLE district (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  code        TEXT NOT NULL CHECK (length(code) = 6 AND code NOT GLOB '*[^0-9]*'),
  name        TEXT NOT NULL CHECK (name <> ''),
  is_sample   INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
  boundary    BLOB,
  min_lon REAL, min_lat REAL, max_lon REAL, max_lat REAL
);

CREATE TABLE town (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE CHECK (length(code) = 9 AND code NOT GLOB '*[^0-9]*'),
  name        TEXT NOT NULL CHECK (name <> ''),
  kind        TEXT NOT NULL DEFAULT 'town' CHECK (kind IN ('subdistrict', 'town', 'township')),
  boundary    BLOB,
  min_lon REAL, min_lat REAL, max_lon REAL, max_lat REAL
);

CREATE TABLE village (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE CHECK (length(code) = 12 AND code NOT GLOB '*[^0-9]*'),
  name        TEXT NOT NULL CHECK (name <> ''),
  town_id     INTEGER NOT NULL REFERENCES town (id) ON DELETE RESTRICT,
  kind        TEXT NOT NULL DEFAULT 'village' CHECK (kind IN ('village', 'community')),
  lon         REAL CHECK (lon BETWEEN -180 AND 180),
  lat         REAL CHECK (lat BETWEEN -90 AND 90),
  population  INTEGER CHECK (population >= 0),
  households  INTEGER CHECK (households >= 0),
  area_km2    REAL CHECK (area_km2 >= 0),
  boundary    BLOB,
  min_lon REAL, min_lat REAL, max_lon REAL, max_lat REAL
);
CREATE INDEX village_town ON village (town_id);

CREATE TABLE layout (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
  is_current  INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1)),
  note        TEXT,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
-- At most one layout is the current one.
CREATE UNIQUE INDEX layout_single_current ON layout (is_current) WHERE is_current = 1;

CREATE TABLE cluster (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
  brand       TEXT,
  industry    TEXT,
  color       TEXT CHECK (color IS NULL OR (length(color) = 7 AND color GLOB '#[0-9A-Fa-f]*')),
  town_id     INTEGER REFERENCES town (id) ON DELETE SET NULL,
  description TEXT
);

-- A village belongs to at most one cluster in a layout.
CREATE TABLE cluster_member (
  layout_id   INTEGER NOT NULL REFERENCES layout (id) ON DELETE CASCADE,
  village_id  INTEGER NOT NULL REFERENCES village (id) ON DELETE CASCADE,
  cluster_id  INTEGER NOT NULL REFERENCES cluster (id) ON DELETE CASCADE,
  PRIMARY KEY (layout_id, village_id)
) WITHOUT ROWID;
CREATE INDEX cluster_member_cluster ON cluster_member (layout_id, cluster_id);

CREATE TABLE alliance (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
  level       TEXT NOT NULL CHECK (level IN ('district', 'town', 'cluster')),
  parent_id   INTEGER REFERENCES alliance (id) ON DELETE SET NULL,
  town_id     INTEGER REFERENCES town (id) ON DELETE SET NULL,
  cluster_id  INTEGER REFERENCES cluster (id) ON DELETE SET NULL,
  CHECK (parent_id IS NULL OR parent_id <> id)
);

CREATE TABLE organization (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
  kind        TEXT NOT NULL CHECK (kind IN ('department', 'town', 'village', 'university',
                                            'enterprise', 'bank', 'social', 'company')),
  town_id     INTEGER REFERENCES town (id) ON DELETE SET NULL,
  village_id  INTEGER REFERENCES village (id) ON DELETE SET NULL
);

-- The owner villages of a village-collective company (强村公司) and their shares in percent.
CREATE TABLE organization_owner (
  organization_id INTEGER NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  village_id      INTEGER NOT NULL REFERENCES village (id) ON DELETE CASCADE,
  share_percent   REAL NOT NULL CHECK (share_percent > 0 AND share_percent <= 100),
  PRIMARY KEY (organization_id, village_id)
) WITHOUT ROWID;

CREATE TABLE alliance_member (
  alliance_id     INTEGER NOT NULL REFERENCES alliance (id) ON DELETE CASCADE,
  organization_id INTEGER NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  role            TEXT,
  joined_year     INTEGER CHECK (joined_year BETWEEN 1949 AND 2100),
  PRIMARY KEY (alliance_id, organization_id)
) WITHOUT ROWID;

CREATE TABLE site (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
  kind        TEXT NOT NULL CHECK (kind IN ('agri_park', 'integration_park', 'logistics_centre',
                                            'common_factory', 'ecommerce_building',
                                            'service_centre', 'scenic_spot', 'base')),
  level       TEXT NOT NULL CHECK (level IN ('national', 'provincial', 'city', 'district')),
  lon         REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat         REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
  cluster_id  INTEGER REFERENCES cluster (id) ON DELETE SET NULL,
  village_id  INTEGER REFERENCES village (id) ON DELETE SET NULL,
  investment_wan REAL CHECK (investment_wan >= 0),
  year_opened INTEGER CHECK (year_opened BETWEEN 1949 AND 2100)
);
CREATE INDEX site_cluster ON site (cluster_id);

CREATE TABLE route (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
  kind        TEXT NOT NULL CHECK (kind IN ('scenic_road', 'red_tourism', 'industry_line')),
  cluster_id  INTEGER REFERENCES cluster (id) ON DELETE SET NULL,
  geometry    BLOB NOT NULL,
  min_lon REAL, min_lat REAL, max_lon REAL, max_lat REAL
);

CREATE TABLE indicator (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE CHECK (code <> ''),
  name_zh     TEXT NOT NULL,
  name_en     TEXT NOT NULL,
  unit        TEXT NOT NULL,
  category    TEXT NOT NULL CHECK (category IN ('collective', 'income', 'land', 'employment',
                                                'ecommerce', 'tourism', 'finance', 'talent',
                                                'technology', 'governance')),
  aggregation TEXT NOT NULL CHECK (aggregation IN ('sum', 'mean', 'weighted_mean', 'derived')),
  -- weighted_mean: the indicator whose value weighs each village; NULL weighs by population.
  weight_code TEXT,
  -- derived: the codes of the parts whose sum this indicator is, separated by '+'.
  formula     TEXT,
  direction   INTEGER NOT NULL CHECK (direction IN (-1, 0, 1)),
  -- income per capita: which statistical measure ('net' 人均纯收入, 'disposable' 人均可支配收入).
  measure     TEXT CHECK (measure IS NULL OR measure IN ('net', 'disposable')),
  -- A benchmark the district compares against (e.g. operating income of 50 万元), or NULL.
  benchmark   REAL,
  sort_order  INTEGER NOT NULL DEFAULT 0,
  CHECK ((aggregation = 'derived') = (formula IS NOT NULL))
);

CREATE TABLE source (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- One value per village, indicator and year. The key order serves the real queries: one
-- indicator and year for every village (choropleth, cluster totals) is a range scan.
CREATE TABLE observation (
  indicator_id INTEGER NOT NULL REFERENCES indicator (id) ON DELETE CASCADE,
  year         INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
  village_id   INTEGER NOT NULL REFERENCES village (id) ON DELETE CASCADE,
  value        REAL NOT NULL,
  source_id    INTEGER REFERENCES source (id) ON DELETE SET NULL,
  PRIMARY KEY (indicator_id, year, village_id)
) WITHOUT ROWID;
-- No second index on (village, indicator, year): it halved the insert rate at province scale
-- (measured: 575,000 → 50,000 rows/s), and a village's history is a handful of seeks on the
-- primary key (one per indicator and year).

CREATE TABLE task (
  id          INTEGER PRIMARY KEY,
  title       TEXT NOT NULL CHECK (title <> ''),
  alliance_id INTEGER REFERENCES alliance (id) ON DELETE CASCADE,
  cluster_id  INTEGER REFERENCES cluster (id) ON DELETE CASCADE,
  year        INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
  due_date    TEXT CHECK (due_date IS NULL OR date(due_date) IS due_date),
  progress    REAL NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  CHECK (alliance_id IS NOT NULL OR cluster_id IS NOT NULL)
);
CREATE INDEX task_cluster ON task (cluster_id, year);

CREATE TABLE activity (
  id          INTEGER PRIMARY KEY,
  alliance_id INTEGER REFERENCES alliance (id) ON DELETE CASCADE,
  cluster_id  INTEGER REFERENCES cluster (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('problem_solved', 'meeting', 'event', 'online')),
  date        TEXT NOT NULL CHECK (date(date) IS date),
  count       INTEGER NOT NULL DEFAULT 1 CHECK (count > 0),
  title       TEXT,
  CHECK (alliance_id IS NOT NULL OR cluster_id IS NOT NULL)
);
CREATE INDEX activity_cluster ON activity (cluster_id, date);

CREATE TABLE finance (
  id          INTEGER PRIMARY KEY,
  village_id  INTEGER NOT NULL REFERENCES village (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('loan', 'grant')),
  product     TEXT,
  provider_id INTEGER REFERENCES organization (id) ON DELETE SET NULL,
  year        INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
  amount_wan  REAL NOT NULL CHECK (amount_wan > 0),
  interest_saved_wan REAL CHECK (interest_saved_wan >= 0)
);
CREATE INDEX finance_village ON finance (village_id, year);

CREATE TABLE talent (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL CHECK (name <> ''),
  kind        TEXT NOT NULL CHECK (kind IN ('expert', 'graduate', 'veteran', 'xiangxian',
                                            'new_farmer', 'livestream_host')),
  specialty   TEXT,
  cluster_id  INTEGER REFERENCES cluster (id) ON DELETE SET NULL,
  village_id  INTEGER REFERENCES village (id) ON DELETE SET NULL,
  since_year  INTEGER NOT NULL CHECK (since_year BETWEEN 1949 AND 2100)
);

-- Weights of the competition (比拼晾晒) score.
CREATE TABLE score_rule (
  id          INTEGER PRIMARY KEY,
  component   TEXT NOT NULL CHECK (component IN ('task', 'growth', 'activity')),
  indicator_id INTEGER REFERENCES indicator (id) ON DELETE CASCADE,
  weight      REAL NOT NULL CHECK (weight >= 0),
  CHECK ((component = 'growth') = (indicator_id IS NOT NULL))
);

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  action      TEXT NOT NULL,
  subject     TEXT NOT NULL,
  detail      TEXT
);
