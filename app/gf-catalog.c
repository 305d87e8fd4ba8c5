/* gf-catalog.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The indicator catalogue named in DESIGN.md. Collective income is kept in the five parts of
 * the statistical form (经营收入, 发包及上交收入, 投资收益, 补助收入, 其他收入); operating income
 * (经营性收入) excludes grants and other income and is derived, never stored.
 */

#define G_LOG_DOMAIN "gf-catalog"

#include "config.h"

#include <math.h>
#include <string.h>

#include "gf-catalog.h"

#define SUM  GF_AGGREGATION_SUM
#define WMEAN GF_AGGREGATION_WEIGHTED_MEAN
#define DERIVED GF_AGGREGATION_DERIVED

static const GfCatalogEntry catalog[] = {
  /* Village collective economy (村级集体经济), 万元 */
  { "coll_business_income", "经营收入", "Collective business income", "万元", "collective",
    SUM, NULL, NULL, 1, NULL, NAN },
  { "coll_contract_income", "发包及上交收入", "Contracting and remitted income", "万元",
    "collective", SUM, NULL, NULL, 1, NULL, NAN },
  { "coll_investment_income", "投资收益", "Investment income", "万元", "collective",
    SUM, NULL, NULL, 1, NULL, NAN },
  { "coll_subsidy_income", "补助收入", "Subsidy income", "万元", "collective",
    SUM, NULL, NULL, 0, NULL, NAN },
  { "coll_other_income", "其他收入", "Other income", "万元", "collective",
    SUM, NULL, NULL, 0, NULL, NAN },
  { "coll_operating_income", "村级集体经济经营性收入", "Collective operating income", "万元",
    "collective", DERIVED, NULL,
    "coll_business_income+coll_contract_income+coll_investment_income", 1, NULL, 50.0 },
  { "coll_total_income", "村级集体经济总收入", "Collective total income", "万元", "collective",
    DERIVED, NULL,
    "coll_business_income+coll_contract_income+coll_investment_income+coll_subsidy_income"
    "+coll_other_income", 1, NULL, NAN },

  /* Farmers' income (农民收入), 元 */
  { "income_per_capita_net", "农民人均纯收入", "Farmers' per-capita net income", "元", "income",
    WMEAN, NULL, NULL, 1, "net", NAN },
  { "income_per_capita_disposable", "农村居民人均可支配收入",
    "Rural per-capita disposable income", "元", "income", WMEAN, NULL, NULL, 1, "disposable",
    NAN },
  { "labour_fees_paid", "劳务费支出", "Labour fees paid", "万元", "income",
    SUM, NULL, NULL, 1, NULL, NAN },

  /* Land (土地), 亩 and 元/亩 */
  { "land_transferred", "土地流转面积", "Land transferred", "亩", "land",
    SUM, NULL, NULL, 1, NULL, NAN },
  { "rent_to_villagers", "流转金(村民)", "Land rent paid to villagers", "元/亩", "land",
    WMEAN, "land_transferred", NULL, 1, NULL, NAN },
  { "rent_to_collective", "流转金(村集体)", "Land rent paid to the collective", "元/亩", "land",
    WMEAN, "land_transferred", NULL, 1, NULL, NAN },
  { "paddy_area", "水田面积", "Paddy area", "亩", "land", SUM, NULL, NULL, 0, NULL, NAN },
  { "high_standard_farmland", "高标准农田", "High-standard farmland", "亩", "land",
    SUM, NULL, NULL, 1, NULL, NAN },
  { "idle_land_revived", "盘活闲置土地", "Idle land revived", "亩", "land",
    SUM, NULL, NULL, 1, NULL, NAN },
  { "shared_garden_adopted", "共富菜园认领面积", "Shared garden area adopted", "亩", "land",
    SUM, NULL, NULL, 1, NULL, NAN },

  /* Employment and investment (就业与投资) */
  { "common_prosperity_jobs", "共富岗位", "Common-prosperity jobs", "个", "employment",
    SUM, NULL, NULL, 1, NULL, NAN },
  { "social_capital", "引进社会资本", "Social capital attracted", "万元", "employment",
    SUM, NULL, NULL, 1, NULL, NAN },

  /* E-commerce (电商) */
  { "ecommerce_sales", "电商销售额", "E-commerce sales", "万元", "ecommerce",
    SUM, NULL, NULL, 1, NULL, NAN },
  { "ecommerce_households", "电商户", "E-commerce households", "户", "ecommerce",
    SUM, NULL, NULL, 1, NULL, NAN },
  { "livestreams_held", "助农直播", "Livestreams held", "场", "ecommerce",
    SUM, NULL, NULL, 1, NULL, NAN },
  { "livestream_hosts_trained", "培育直播网红", "Livestream hosts trained", "人", "ecommerce",
    SUM, NULL, NULL, 1, NULL, NAN },

  /* Tourism (文旅) */
  { "tourism_income", "旅游经济收入", "Tourism income", "万元", "tourism",
    SUM, NULL, NULL, 1, NULL, NAN },

  /* Finance (金融) */
  { "loans_issued", "共富贷发放", "Common-prosperity loans issued", "万元", "finance",
    SUM, NULL, NULL, 1, NULL, NAN },
  { "grants_given", "专项扶持资金", "Grants given", "万元", "finance",
    SUM, NULL, NULL, 1, NULL, NAN },
  { "interest_saved", "节省利息支出", "Interest saved", "万元", "finance",
    SUM, NULL, NULL, 1, NULL, NAN },

  /* Talent (人才) */
  { "talents_returned", "返乡人才", "Talents returned", "人", "talent",
    SUM, NULL, NULL, 1, NULL, NAN },
  { "new_farmers", "新农人", "New farmers", "人", "talent", SUM, NULL, NULL, 1, NULL, NAN },

  /* Technology (科技进乡村) */
  { "problems_solved", "解决产业问题", "Farming problems solved", "个", "technology",
    SUM, NULL, NULL, 1, NULL, NAN },

  /* Governance (村务治理) */
  { "disputes_resolved", "矛盾纠纷化解", "Disputes resolved", "件", "governance",
    SUM, NULL, NULL, 1, NULL, NAN },
  { "safety_incidents", "安全事故", "Safety incidents", "起", "governance",
    SUM, NULL, NULL, -1, NULL, NAN },
};

/**
 * gf_catalog_entries:
 * @n_entries: (out): the number of entries
 *
 * Returns: (transfer none) (array length=n_entries): the built-in catalogue, in display order
 */
const GfCatalogEntry *
gf_catalog_entries (guint *n_entries)
{
  g_return_val_if_fail (n_entries != NULL, NULL);

  *n_entries = G_N_ELEMENTS (catalog);
  return catalog;
}

/**
 * gf_catalog_lookup:
 * @code: an indicator code
 *
 * Returns: (transfer none) (nullable): the built-in entry of that code
 */
const GfCatalogEntry *
gf_catalog_lookup (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (catalog); i++)
    {
      if (strcmp (catalog[i].code, code) == 0)
        return &catalog[i];
    }

  return NULL;
}

static const char * const aggregation_names[] = { "sum", "mean", "weighted_mean", "derived" };

const char *
gf_aggregation_to_string (GfAggregation aggregation)
{
  g_return_val_if_fail (aggregation <= GF_AGGREGATION_DERIVED, NULL);

  return aggregation_names[aggregation];
}

gboolean
gf_aggregation_from_string (const char    *text,
                            GfAggregation *aggregation)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (aggregation != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (aggregation_names); i++)
    {
      if (strcmp (aggregation_names[i], text) == 0)
        {
          *aggregation = (GfAggregation) i;
          return TRUE;
        }
    }

  return FALSE;
}
