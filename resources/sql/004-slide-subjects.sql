-- 004-slide-subjects.sql
-- Copyright 2026 The Gongfu Atlas authors
--
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Chart slides that compare chosen villages instead of clusters, or show several indicators
-- of one unit (grouped or stacked bars); map slides that say how their values are classed.
-- indicator_code stays the first indicator, so that every slide stored before reads the same.

-- 'clusters': the clusters of briefing_slide_cluster, or all of them (all_clusters = 1);
-- 'villages': the villages of briefing_slide_village, in order (all_clusters = 0).
ALTER TABLE briefing_slide ADD COLUMN subject TEXT NOT NULL DEFAULT 'clusters'
  CHECK (subject = 'clusters' OR (subject = 'villages' AND kind = 'chart' AND all_clusters = 0));
-- Maps coloured by an indicator: how the values are classed (NULL: by quantile) and into how
-- many classes (NULL: the default, 5; thresholds take theirs from the indicator's benchmark).
ALTER TABLE briefing_slide ADD COLUMN classify TEXT
  CHECK (classify IS NULL OR (kind = 'map' AND classify IN ('quantile', 'equal', 'thresholds')));
ALTER TABLE briefing_slide ADD COLUMN n_classes INTEGER
  CHECK (n_classes IS NULL OR (kind = 'map' AND n_classes BETWEEN 2 AND 7));

-- The second and further indicators of a chart slide (grouped and stacked bars), in the order
-- of their series: position 1 follows briefing_slide.indicator_code, which is position 0.
CREATE TABLE briefing_slide_indicator (
  slide_id       INTEGER NOT NULL REFERENCES briefing_slide (id) ON DELETE CASCADE,
  position       INTEGER NOT NULL CHECK (position >= 1),
  indicator_code TEXT NOT NULL CHECK (indicator_code <> ''),
  PRIMARY KEY (slide_id, position),
  UNIQUE (slide_id, indicator_code)
) WITHOUT ROWID;

-- The villages of a chart slide that compares villages, in the order of its series. A village
-- that is deleted leaves the slide.
CREATE TABLE briefing_slide_village (
  slide_id    INTEGER NOT NULL REFERENCES briefing_slide (id) ON DELETE CASCADE,
  village_id  INTEGER NOT NULL REFERENCES village (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL CHECK (position >= 0),
  PRIMARY KEY (slide_id, village_id)
) WITHOUT ROWID;
CREATE INDEX briefing_slide_village_village ON briefing_slide_village (village_id);
