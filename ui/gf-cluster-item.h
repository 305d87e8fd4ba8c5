/* gf-cluster-item.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gf-summary.h"

G_BEGIN_DECLS

#define GF_TYPE_CLUSTER_ITEM (gf_cluster_item_get_type ())

G_DECLARE_FINAL_TYPE (GfClusterItem, gf_cluster_item, GF, CLUSTER_ITEM, GObject)

/* Indicator codes of the two figures the overview shows for every cluster. */
#define GF_CODE_OPERATING_INCOME          "coll_operating_income"
#define GF_CODE_INCOME_PER_CAPITA_DISP    "income_per_capita_disposable"
#define GF_CODE_INCOME_PER_CAPITA_NET     "income_per_capita_net"

const char *gf_cluster_item_get_name              (GfClusterItem    *self);
const char *gf_cluster_item_get_brand             (GfClusterItem    *self);
const char *gf_cluster_item_get_color             (GfClusterItem    *self);
guint       gf_cluster_item_get_n_members         (GfClusterItem    *self);
double      gf_cluster_item_get_operating_income  (GfClusterItem    *self);
double      gf_cluster_item_get_per_capita_income (GfClusterItem    *self);
GListModel *gf_cluster_item_list_new              (const GfSummary  *summary,
                                                   char            **operating_unit,
                                                   char            **per_capita_unit);
gboolean    gf_cluster_item_list_update           (GListStore       *store,
                                                   const GfSummary  *summary,
                                                   char            **operating_unit,
                                                   char            **per_capita_unit);
char       *gf_format_value                       (double            value);
int         gf_summary_find_indicator             (const GfSummary  *summary,
                                                   const char       *code);

G_END_DECLS
