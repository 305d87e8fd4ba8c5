/* gf-cluster-item.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One cluster of the summary as an object with properties, for list boxes and column views,
 * with the two figures the overview shows: collective operating income and per-capita income.
 */

#define G_LOG_DOMAIN "gf-cluster-item"

#include "config.h"

#include <math.h>

#include "gf-cluster-item.h"
#include "gf-store.h"

struct _GfClusterItem
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  char    *brand;
  char    *color;
  guint    n_members;
  double   operating_income;
  double   per_capita_income;
};

G_DEFINE_FINAL_TYPE (GfClusterItem, gf_cluster_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_BRAND,
  PROP_COLOR,
  PROP_N_MEMBERS,
  PROP_MEMBERS_TEXT,
  PROP_OPERATING_INCOME,
  PROP_OPERATING_INCOME_TEXT,
  PROP_PER_CAPITA_INCOME,
  PROP_PER_CAPITA_INCOME_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * gf_format_value:
 * @value: a figure, or NaN when nobody reported it
 *
 * Formats a figure with the locale's digit grouping: whole numbers from 1000 on, one decimal
 * below, and a dash for a missing value.
 *
 * Returns: (transfer full): the text
 */
char *
gf_format_value (double value)
{
  if (isnan (value))
    return g_strdup ("—");

  return g_strdup_printf ("%'.*f", fabs (value) >= 1000 ? 0 : 1, value);
}

/**
 * gf_summary_find_indicator:
 *
 * Returns: the index of @code in the summary's indicators and values, or -1
 */
int
gf_summary_find_indicator (const GfSummary *summary,
                           const char      *code)
{
  g_return_val_if_fail (summary != NULL, -1);

  if (summary->indicators == NULL)
    return -1;

  for (guint i = 0; i < summary->indicators->len; i++)
    {
      const GfIndicator *indicator = g_ptr_array_index (summary->indicators, i);

      if (g_strcmp0 (indicator->code, code) == 0)
        return (int) i;
    }

  return -1;
}

static void
gf_cluster_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GfClusterItem *self = GF_CLUSTER_ITEM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_BRAND:
      g_value_set_string (value, self->brand);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case PROP_N_MEMBERS:
      g_value_set_uint (value, self->n_members);
      break;

    case PROP_MEMBERS_TEXT:
      g_value_take_string (value, g_strdup_printf ("%u", self->n_members));
      break;

    case PROP_OPERATING_INCOME:
      g_value_set_double (value, self->operating_income);
      break;

    case PROP_OPERATING_INCOME_TEXT:
      g_value_take_string (value, gf_format_value (self->operating_income));
      break;

    case PROP_PER_CAPITA_INCOME:
      g_value_set_double (value, self->per_capita_income);
      break;

    case PROP_PER_CAPITA_INCOME_TEXT:
      g_value_take_string (value, gf_format_value (self->per_capita_income));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gf_cluster_item_finalize (GObject *object)
{
  GfClusterItem *self = GF_CLUSTER_ITEM (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->brand, g_free);
  g_clear_pointer (&self->color, g_free);

  G_OBJECT_CLASS (gf_cluster_item_parent_class)->finalize (object);
}

static void
gf_cluster_item_class_init (GfClusterItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = gf_cluster_item_get_property;
  object_class->finalize = gf_cluster_item_finalize;

  /* The items show one summary: every property is read-only, and only
   * gf_cluster_item_list_update() changes the members and figures, with notifications. */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BRAND] =
    g_param_spec_string ("brand", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_MEMBERS] =
    g_param_spec_uint ("n-members", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MEMBERS_TEXT] =
    g_param_spec_string ("members-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPERATING_INCOME] =
    g_param_spec_double ("operating-income", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPERATING_INCOME_TEXT] =
    g_param_spec_string ("operating-income-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PER_CAPITA_INCOME] =
    g_param_spec_double ("per-capita-income", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PER_CAPITA_INCOME_TEXT] =
    g_param_spec_string ("per-capita-income-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gf_cluster_item_init (GfClusterItem *self)
{
  self->operating_income = NAN;
  self->per_capita_income = NAN;
}

const char *
gf_cluster_item_get_name (GfClusterItem *self)
{
  g_return_val_if_fail (GF_IS_CLUSTER_ITEM (self), NULL);

  return self->name;
}

const char *
gf_cluster_item_get_brand (GfClusterItem *self)
{
  g_return_val_if_fail (GF_IS_CLUSTER_ITEM (self), NULL);

  return self->brand;
}

const char *
gf_cluster_item_get_color (GfClusterItem *self)
{
  g_return_val_if_fail (GF_IS_CLUSTER_ITEM (self), NULL);

  return self->color;
}

guint
gf_cluster_item_get_n_members (GfClusterItem *self)
{
  g_return_val_if_fail (GF_IS_CLUSTER_ITEM (self), 0);

  return self->n_members;
}

double
gf_cluster_item_get_operating_income (GfClusterItem *self)
{
  g_return_val_if_fail (GF_IS_CLUSTER_ITEM (self), NAN);

  return self->operating_income;
}

double
gf_cluster_item_get_per_capita_income (GfClusterItem *self)
{
  g_return_val_if_fail (GF_IS_CLUSTER_ITEM (self), NAN);

  return self->per_capita_income;
}

static gboolean
any_value (const GfSummary *summary,
           int              index)
{
  for (guint i = 0; index >= 0 && i < summary->clusters->len; i++)
    {
      const GfClusterSummary *cluster = g_ptr_array_index (summary->clusters, i);

      if (!isnan (cluster->values[index]))
        return TRUE;
    }

  return FALSE;
}

static char *
dup_unit (const GfSummary *summary,
          int              index)
{
  const GfIndicator *indicator;

  if (index < 0)
    return NULL;

  indicator = g_ptr_array_index (summary->indicators, index);
  return g_strdup (indicator->unit);
}

/* The indicators of the two figures: per-capita income is the disposable income where the
 * district reports it, else the net income of the older statistics. */
static void
find_figures (const GfSummary *summary,
              int             *operating,
              int             *per_capita)
{
  *operating = -1;
  *per_capita = -1;

  if (summary == NULL || summary->clusters == NULL)
    return;

  *operating = gf_summary_find_indicator (summary, GF_CODE_OPERATING_INCOME);
  *per_capita = gf_summary_find_indicator (summary, GF_CODE_INCOME_PER_CAPITA_DISP);
  if (!any_value (summary, *per_capita))
    *per_capita = gf_summary_find_indicator (summary, GF_CODE_INCOME_PER_CAPITA_NET);
}

static GfClusterItem *
item_new (const GfClusterSummary *cluster,
          int                     operating,
          int                     per_capita)
{
  GfClusterItem *item = g_object_new (GF_TYPE_CLUSTER_ITEM, NULL);

  item->id = cluster->id;
  item->name = g_strdup (cluster->name);
  item->brand = g_strdup (cluster->brand);
  item->color = g_strdup (cluster->color);
  item->n_members = cluster->n_members;
  if (operating >= 0)
    item->operating_income = cluster->values[operating];
  if (per_capita >= 0)
    item->per_capita_income = cluster->values[per_capita];

  return item;
}

static gboolean
same_figure (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

/* Whether @item shows the same cluster as @cluster: only its members and figures may differ. */
static gboolean
same_cluster (GfClusterItem          *item,
              const GfClusterSummary *cluster)
{
  return item->id == cluster->id
         && g_strcmp0 (item->name, cluster->name) == 0
         && g_strcmp0 (item->brand, cluster->brand) == 0
         && g_strcmp0 (item->color, cluster->color) == 0;
}

static void
set_figures (GfClusterItem *item,
             guint          n_members,
             double         operating_income,
             double         per_capita_income)
{
  g_object_freeze_notify (G_OBJECT (item));

  if (item->n_members != n_members)
    {
      item->n_members = n_members;
      g_object_notify_by_pspec (G_OBJECT (item), properties[PROP_N_MEMBERS]);
      g_object_notify_by_pspec (G_OBJECT (item), properties[PROP_MEMBERS_TEXT]);
    }
  if (!same_figure (item->operating_income, operating_income))
    {
      item->operating_income = operating_income;
      g_object_notify_by_pspec (G_OBJECT (item), properties[PROP_OPERATING_INCOME]);
      g_object_notify_by_pspec (G_OBJECT (item), properties[PROP_OPERATING_INCOME_TEXT]);
    }
  if (!same_figure (item->per_capita_income, per_capita_income))
    {
      item->per_capita_income = per_capita_income;
      g_object_notify_by_pspec (G_OBJECT (item), properties[PROP_PER_CAPITA_INCOME]);
      g_object_notify_by_pspec (G_OBJECT (item), properties[PROP_PER_CAPITA_INCOME_TEXT]);
    }

  g_object_thaw_notify (G_OBJECT (item));
}

static void
get_units (const GfSummary  *summary,
           int               operating,
           int               per_capita,
           char            **operating_unit,
           char            **per_capita_unit)
{
  if (operating_unit != NULL)
    *operating_unit = summary != NULL ? dup_unit (summary, operating) : NULL;
  if (per_capita_unit != NULL)
    *per_capita_unit = summary != NULL ? dup_unit (summary, per_capita) : NULL;
}

/**
 * gf_cluster_item_list_new:
 * @summary: (nullable): a summary
 * @operating_unit: (out) (optional) (transfer full): the unit of operating income
 * @per_capita_unit: (out) (optional) (transfer full): the unit of per-capita income
 *
 * Per-capita income is the disposable income where the district reports it, else the net
 * income of the older statistics.
 *
 * Returns: (transfer full): a list of #GfClusterItem, one per cluster of the current layout
 */
GListModel *
gf_cluster_item_list_new (const GfSummary  *summary,
                          char            **operating_unit,
                          char            **per_capita_unit)
{
  GListStore *store = g_list_store_new (GF_TYPE_CLUSTER_ITEM);

  gf_cluster_item_list_update (store, summary, operating_unit, per_capita_unit);

  return G_LIST_MODEL (store);
}

/**
 * gf_cluster_item_list_update:
 * @store: a list of #GfClusterItem
 * @summary: (nullable): a summary; nothing of it is kept
 * @operating_unit: (out) (optional) (transfer full): the unit of operating income
 * @per_capita_unit: (out) (optional) (transfer full): the unit of per-capita income
 *
 * Makes @store hold the clusters of @summary, as gf_cluster_item_list_new() would. When the
 * summary has the same clusters (ids, names, brands and colours, in the same order) as @store,
 * as after a change of year, the items are kept and only their members and figures change,
 * with notifications: the widgets that show them stay. Otherwise the items are replaced at
 * once, with one #GListModel::items-changed.
 *
 * Returns: %TRUE if the items were kept, %FALSE if they were replaced
 */
gboolean
gf_cluster_item_list_update (GListStore       *store,
                             const GfSummary  *summary,
                             char            **operating_unit,
                             char            **per_capita_unit)
{
  guint n_items;
  guint n_clusters;
  gboolean same = TRUE;
  int operating;
  int per_capita;

  g_return_val_if_fail (G_IS_LIST_STORE (store), FALSE);
  g_return_val_if_fail (g_list_model_get_item_type (G_LIST_MODEL (store)) == GF_TYPE_CLUSTER_ITEM,
                        FALSE);

  find_figures (summary, &operating, &per_capita);
  get_units (summary, operating, per_capita, operating_unit, per_capita_unit);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (store));
  n_clusters = summary != NULL && summary->clusters != NULL ? summary->clusters->len : 0;

  if (n_items != n_clusters)
    same = FALSE;
  for (guint i = 0; same && i < n_clusters; i++)
    {
      g_autoptr(GfClusterItem) item = g_list_model_get_item (G_LIST_MODEL (store), i);

      same = same_cluster (item, g_ptr_array_index (summary->clusters, i));
    }

  if (same)
    {
      for (guint i = 0; i < n_clusters; i++)
        {
          const GfClusterSummary *cluster = g_ptr_array_index (summary->clusters, i);
          g_autoptr(GfClusterItem) item = g_list_model_get_item (G_LIST_MODEL (store), i);

          set_figures (item, cluster->n_members,
                       operating >= 0 ? cluster->values[operating] : NAN,
                       per_capita >= 0 ? cluster->values[per_capita] : NAN);
        }
      return TRUE;
    }
  else
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_full (n_clusters, g_object_unref);

      for (guint i = 0; i < n_clusters; i++)
        g_ptr_array_add (items, item_new (g_ptr_array_index (summary->clusters, i),
                                          operating, per_capita));

      g_list_store_splice (store, 0, n_items, items->pdata, items->len);
      return FALSE;
    }
}
