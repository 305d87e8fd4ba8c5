/* gf-catalog.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  GF_AGGREGATION_SUM,
  GF_AGGREGATION_MEAN,
  GF_AGGREGATION_WEIGHTED_MEAN,
  GF_AGGREGATION_DERIVED,
} GfAggregation;

/**
 * GfCatalogEntry:
 * @code: stable identifier used in files and on the command line
 * @name_zh: the Simplified Chinese name used in the district's own reports
 * @name_en: the English name
 * @unit: the unit of stored values (万元, 元, 亩, 个, …); data, never hard-coded in widgets
 * @category: one of the categories of the schema's `indicator.category`
 * @aggregation: how village values combine into a cluster or district value
 * @weight_code: for weighted means, the indicator that weighs each village (NULL: population)
 * @formula: for derived indicators, the codes of the parts whose sum it is, joined by '+'
 * @direction: 1 if higher is better, -1 if lower is better, 0 if neither
 * @measure: for per-capita income, "net" (人均纯收入) or "disposable" (人均可支配收入)
 * @benchmark: a threshold the district compares against, or NaN
 *
 * One indicator of the built-in catalogue that every new database starts with.
 */
typedef struct
{
  const char    *code;
  const char    *name_zh;
  const char    *name_en;
  const char    *unit;
  const char    *category;
  GfAggregation  aggregation;
  const char    *weight_code;
  const char    *formula;
  int            direction;
  const char    *measure;
  double         benchmark;
} GfCatalogEntry;

const GfCatalogEntry *gf_catalog_entries            (guint             *n_entries);
const GfCatalogEntry *gf_catalog_lookup             (const char        *code);
const char           *gf_aggregation_to_string      (GfAggregation      aggregation);
gboolean              gf_aggregation_from_string    (const char        *text,
                                                     GfAggregation     *aggregation);

G_END_DECLS
