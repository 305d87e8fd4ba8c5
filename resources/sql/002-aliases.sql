-- 002-aliases.sql
-- Copyright 2026 The Gongfu Atlas authors
--
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Statistical codes change when villages merge or a county becomes a district: keep the
-- edition of the codes in use and the old codes and names of each village, so that an old
-- spreadsheet still finds its villages.

ALTER TABLE district ADD COLUMN code_edition INTEGER CHECK (code_edition BETWEEN 1980 AND 2100);

CREATE TABLE village_alias (
  village_id   INTEGER NOT NULL REFERENCES village (id) ON DELETE CASCADE,
  old_code     TEXT CHECK (old_code IS NULL OR (length(old_code) = 12
                                                AND old_code NOT GLOB '*[^0-9]*')),
  old_name     TEXT,
  until_year   INTEGER CHECK (until_year BETWEEN 1949 AND 2100),
  CHECK (old_code IS NOT NULL OR old_name IS NOT NULL)
);
CREATE INDEX village_alias_code ON village_alias (old_code);
CREATE INDEX village_alias_name ON village_alias (old_name);
