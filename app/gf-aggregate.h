/* gf-aggregate.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gf-store.h"

G_BEGIN_DECLS

typedef struct _GfAggregator GfAggregator;

/**
 * GfGroupValue:
 * @group_id: the cluster id (0 for the whole district)
 * @value: the aggregate, NaN when no village of the group reported a value
 * @n_villages: villages in the group
 * @n_reporting: villages of the group that have a value for the indicator and year
 */
typedef struct
{
  gint64  group_id;
  double  value;
  guint   n_villages;
  guint   n_reporting;
} GfGroupValue;

GfAggregator     *gf_aggregator_new              (GfDatabase          *db,
                                                  gint64               layout_id,
                                                  GError             **error);
const GfIndicator *gf_aggregator_get_indicator   (GfAggregator        *self,
                                                  const char          *code);
GPtrArray        *gf_aggregator_get_indicators   (GfAggregator        *self);
GfDatabase       *gf_aggregator_get_database     (GfAggregator        *self);
GfVillageValues  *gf_aggregator_village_values   (GfAggregator        *self,
                                                  const GfIndicator   *indicator,
                                                  int                  year,
                                                  GError             **error);
GArray           *gf_aggregator_by_cluster       (GfAggregator        *self,
                                                  const GfIndicator   *indicator,
                                                  int                  year,
                                                  GError             **error);
gboolean          gf_aggregator_district         (GfAggregator        *self,
                                                  const GfIndicator   *indicator,
                                                  int                  year,
                                                  GfGroupValue        *result,
                                                  GError             **error);
void              gf_aggregator_set_caching      (GfAggregator        *self,
                                                  gboolean             caching);
void              gf_aggregator_free             (GfAggregator        *self);
GfAggregator     *gf_aggregator_new_for_membership (GfDatabase        *db,
                                                  GHashTable          *membership,
                                                  GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfAggregator, gf_aggregator_free)

G_END_DECLS
