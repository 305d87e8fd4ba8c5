/* gf-map-details.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The details pane of the map: what the selected village, cluster, site or town is, its key
 * indicators in the selected year with a sparkline over all years, and for a cluster its member
 * villages and sites. Values come from the aggregator and are kept per indicator and year, so
 * clicking around the map queries each year once.
 */

#define G_LOG_DOMAIN "gf-map-details"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "gf-accessible.h"
#include "gf-map-details.h"
#include "gf-map-render.h"

struct _GfMapDetails
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkLabel         *kind_label;
  GtkLabel         *title_label;
  GtkLabel         *subtitle_label;
  GtkWidget        *swatch;
  GtkListBox       *facts_list;
  GtkLabel         *indicators_heading;
  GtkListBox       *indicators_list;
  GtkLabel         *members_heading;
  GtkListBox       *members_list;
  GtkLabel         *sites_heading;
  GtkListBox       *sites_list;
  GtkButton        *edit_button;
  GtkButton        *charts_button;

  /* Owned */
  GfMapData        *data;
  GHashTable       *village_values;   /* "code@year" → GfVillageValues* */
  GHashTable       *cluster_values;   /* "code@year" → GArray of GfGroupValue */

  /* Borrowed: the page owns it and clears the context before freeing it */
  GfAggregator     *aggregator;

  GfMapFeatureKind  kind;
  int               index;
  int               first_year;
  int               last_year;
  int               year;
  guint32           swatch_color;
};

G_DEFINE_FINAL_TYPE (GfMapDetails, gf_map_details, GTK_TYPE_WIDGET)

enum {
  CLOSE,
  FEATURE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  double  *values;
  guint    n;
  int      highlight;
} Sparkline;

static void
sparkline_free (Sparkline *spark)
{
  g_free (spark->values);
  g_free (spark);
}

/* Values */

static const GfVillageValues *
get_village_values (GfMapDetails      *self,
                    const GfIndicator *indicator,
                    int                year)
{
  g_autofree char *key = g_strdup_printf ("%s@%d", indicator->code, year);
  GfVillageValues *values = g_hash_table_lookup (self->village_values, key);
  g_autoptr(GError) error = NULL;

  if (values != NULL || g_hash_table_contains (self->village_values, key))
    return values;

  values = gf_aggregator_village_values (self->aggregator, indicator, year, &error);
  if (values == NULL)
    g_debug ("No values of %s in %d: %s", indicator->code, year, error->message);
  g_hash_table_insert (self->village_values, g_steal_pointer (&key), values);

  return values;
}

static double
village_value (GfMapDetails      *self,
               const GfIndicator *indicator,
               int                year,
               gint64             village_id)
{
  const GfVillageValues *values = get_village_values (self, indicator, year);
  guint lo = 0, hi;

  if (values == NULL)
    return NAN;

  /* The ids are ascending. */
  hi = values->n;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (values->village_ids[mid] == village_id)
        return values->values[mid];
      if (values->village_ids[mid] < village_id)
        lo = mid + 1;
      else
        hi = mid;
    }

  return NAN;
}

static double
cluster_value (GfMapDetails      *self,
               const GfIndicator *indicator,
               int                year,
               gint64             cluster_id)
{
  g_autofree char *key = g_strdup_printf ("%s@%d", indicator->code, year);
  GArray *groups = g_hash_table_lookup (self->cluster_values, key);

  if (groups == NULL && !g_hash_table_contains (self->cluster_values, key))
    {
      g_autoptr(GError) error = NULL;

      groups = gf_aggregator_by_cluster (self->aggregator, indicator, year, &error);
      if (groups == NULL)
        g_debug ("No cluster values of %s in %d: %s", indicator->code, year, error->message);
      g_hash_table_insert (self->cluster_values, g_steal_pointer (&key), groups);
    }

  for (guint i = 0; groups != NULL && i < groups->len; i++)
    {
      const GfGroupValue *group = &g_array_index (groups, GfGroupValue, i);

      if (group->group_id == cluster_id)
        return group->value;
    }

  return NAN;
}

static void
clear_values (GfMapDetails *self)
{
  g_hash_table_remove_all (self->village_values);
  g_hash_table_remove_all (self->cluster_values);
}

/* Widgets */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
add_fact (GfMapDetails *self,
          const char   *title,
          const char   *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value != NULL && *value != '\0' ? value : "—");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_can_focus (label, FALSE);
  gtk_widget_add_css_class (label, "gf-fact-value");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
  gtk_list_box_append (self->facts_list, row);
}

/* A row that selects another feature on the map when activated. */
static void
add_link (GfMapDetails     *self,
          GtkListBox       *list,
          const char       *title,
          const char       *subtitle,
          GfMapFeatureKind  kind,
          int               index)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "gf-kind", GINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (row), "gf-index", GINT_TO_POINTER (index));
  gtk_list_box_append (list, row);
}

static void
draw_sparkline (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  Sparkline *spark = user_data;
  GdkRGBA color;
  double lo = INFINITY, hi = -INFINITY, pad = 3.5;
  gboolean pen_down = FALSE;

  for (guint i = 0; i < spark->n; i++)
    {
      if (!isnan (spark->values[i]))
        {
          lo = MIN (lo, spark->values[i]);
          hi = MAX (hi, spark->values[i]);
        }
    }
  if (!isfinite (lo) || spark->n < 2)
    return;
  if (hi - lo < 1e-9)
    {
      lo -= 1;
      hi += 1;
    }

  /* GTK 4.8 has no gtk_widget_get_color(). */
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &color);

#define SX(i) (pad + (width - 2 * pad) * (double) (i) / (spark->n - 1))
#define SY(v) (height - pad - (height - 2 * pad) * ((v) - lo) / (hi - lo))

  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.55);
  for (guint i = 0; i < spark->n; i++)
    {
      double v = spark->values[i];

      if (isnan (v))
        {
          pen_down = FALSE;
          continue;
        }
      if (pen_down)
        cairo_line_to (cr, SX (i), SY (v));
      else
        cairo_move_to (cr, SX (i), SY (v));
      pen_down = TRUE;
    }
  cairo_stroke (cr);

  /* The selected year, as a dot in the accent colour. */
  if (spark->highlight >= 0 && (guint) spark->highlight < spark->n
      && !isnan (spark->values[spark->highlight]))
    {
      cairo_arc (cr, SX (spark->highlight), SY (spark->values[spark->highlight]), 3, 0,
                 2 * G_PI);
      cairo_set_source_rgb (cr, 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0);
      cairo_fill (cr);
    }

#undef SX
#undef SY
}

static GtkWidget *
create_sparkline (GfMapDetails *self,
                  double       *values,
                  guint         n)
{
  GtkWidget *area = gtk_drawing_area_new ();
  Sparkline *spark = g_new0 (Sparkline, 1);
  g_autofree char *label = NULL;

  spark->values = values;
  spark->n = n;
  spark->highlight = self->year - self->first_year;

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 84);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 26);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (area, "gf-sparkline");
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_sparkline, spark,
                                  (GDestroyNotify) sparkline_free);

  /* Translators: the accessible name of a small trend chart, “Trend 2016–2025” */
  label = g_strdup_printf (_("Trend %d–%d"), self->first_year, self->last_year);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  return area;
}

/* Adds a row per key indicator: its value in the year and a sparkline of all years. */
static void
add_indicators (GfMapDetails *self,
                gboolean      cluster,
                gint64        id)
{
  guint n_years;
  guint n_rows = 0;

  if (self->aggregator == NULL || self->first_year <= 0 || self->year <= 0)
    return;

  n_years = self->last_year - self->first_year + 1;
  for (guint k = 0; k < GF_MAP_N_KEY_INDICATORS; k++)
    {
      const GfIndicator *indicator = gf_aggregator_get_indicator (self->aggregator,
                                                                  gf_map_key_indicators[k]);
      double *values;
      double value;
      g_autofree char *text = NULL;
      GtkWidget *row;
      GtkWidget *value_label;

      if (indicator == NULL)
        continue;

      values = g_new (double, n_years);
      for (guint y = 0; y < n_years; y++)
        values[y] = cluster ? cluster_value (self, indicator, self->first_year + y, id)
                            : village_value (self, indicator, self->first_year + y, id);
      value = values[self->year - self->first_year];
      text = gf_map_util_format_with_unit (value, indicator->unit);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     gf_map_util_indicator_name (indicator));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

      value_label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (value_label), 1);
      gtk_widget_add_css_class (value_label, "numeric");
      gtk_widget_add_css_class (value_label, "gf-indicator-value");
      gtk_accessible_update_relation (GTK_ACCESSIBLE (value_label),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value_label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_sparkline (self, values, n_years));
      gtk_list_box_append (self->indicators_list, row);
      n_rows++;
    }

  if (n_rows > 0)
    {
      g_autofree char *heading = NULL;

      if (cluster)
        /* Translators: %d is a year; the figures are the cluster's totals or averages */
        heading = g_strdup_printf (_("Key Indicators of the Cluster, %d"), self->year);
      else
        /* Translators: %d is a year */
        heading = g_strdup_printf (_("Key Indicators, %d"), self->year);
      gtk_label_set_label (self->indicators_heading, heading);
    }
}

static const char *
town_name (GfMapDetails *self,
           int           town)
{
  if (town < 0 || (guint) town >= gf_map_data_get_n_towns (self->data))
    return NULL;

  return gf_map_data_get_town (self->data, town)->name;
}

static void
add_cluster_fact (GfMapDetails *self,
                  int           cluster)
{
  if (cluster >= 0)
    add_link (self, self->facts_list, gf_map_data_get_cluster (self->data, cluster)->name,
              /* Translators: the subtitle of a row that leads to a village's cluster (组团) */
              _("Cluster"), GF_MAP_FEATURE_CLUSTER, cluster);
  else
    add_fact (self, _("Cluster"), _("Not in a cluster"));
}

static void
add_sites (GfMapDetails *self,
           gint64        cluster_id,
           gint64        village_id)
{
  guint n = 0;

  for (guint i = 0; i < gf_map_data_get_n_sites (self->data); i++)
    {
      const GfMapSite *site = gf_map_data_get_site (self->data, i);

      if ((cluster_id != 0 && site->cluster_id == cluster_id)
          || (village_id != 0 && site->village_id == village_id))
        {
          add_link (self, self->sites_list, site->name, gf_map_site_kind_to_label (site->kind),
                    GF_MAP_FEATURE_SITE, i);
          n++;
        }
    }

  if (n > 0)
    {
      g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u Site", "%u Sites", n), n);

      gtk_label_set_label (self->sites_heading, heading);
    }
}

static void
show_village (GfMapDetails *self,
              int           index)
{
  const GfMapVillage *v = gf_map_data_get_village (self->data, index);
  g_autofree char *subtitle = NULL;

  gtk_label_set_label (self->kind_label, gf_map_util_feature_kind_label (GF_MAP_FEATURE_VILLAGE));
  gtk_label_set_label (self->title_label, v->name);
  subtitle = g_strdup (v->code != NULL ? v->code : "");
  gtk_label_set_label (self->subtitle_label, subtitle);
  if (v->cluster >= 0)
    self->swatch_color = gf_map_data_get_cluster (self->data, v->cluster)->color;

  /* Translators: the statistical code of a village or a town (统计用区划代码) */
  add_fact (self, _("Code"), v->code);
  add_fact (self, C_("feature kind", "Town"), town_name (self, v->town));
  add_cluster_fact (self, v->cluster);
  add_indicators (self, FALSE, v->id);
  add_sites (self, 0, v->id);
}

static void
show_cluster (GfMapDetails *self,
              int           index)
{
  const GfMapCluster *c = gf_map_data_get_cluster (self->data, index);
  g_autoptr(GPtrArray) towns = g_ptr_array_new ();
  g_autofree char *count = NULL;
  g_autofree char *town_list = NULL;

  gtk_label_set_label (self->kind_label, gf_map_util_feature_kind_label (GF_MAP_FEATURE_CLUSTER));
  gtk_label_set_label (self->title_label, c->name);
  gtk_label_set_label (self->subtitle_label, c->brand != NULL ? c->brand : "");
  self->swatch_color = c->color;

  for (guint i = 0; i < c->n_members; i++)
    {
      const GfMapVillage *v = gf_map_data_get_village (self->data, c->members[i]);
      const char *town = town_name (self, v->town);

      if (town != NULL && !g_ptr_array_find_with_equal_func (towns, town, g_str_equal, NULL))
        g_ptr_array_add (towns, (gpointer) town);
      add_link (self, self->members_list, v->name, v->code, GF_MAP_FEATURE_VILLAGE,
                c->members[i]);
    }
  g_ptr_array_add (towns, NULL);

  count = g_strdup_printf ("%u", c->n_members);
  /* Translators: the separator of a list of names, as in “青溪镇、凤鸣镇” */
  town_list = g_strjoinv (_(", "), (char **) towns->pdata);
  add_fact (self, _("Member villages"), count);
  /* Translators: the towns a cluster's villages belong to, a list of names */
  add_fact (self, _("Towns covered"), town_list);
  add_indicators (self, TRUE, c->id);
  add_sites (self, c->id, 0);

  if (c->n_members > 0)
    {
      g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u Member Village",
                                                               "%u Member Villages",
                                                               c->n_members), c->n_members);

      gtk_label_set_label (self->members_heading, heading);
    }
}

static void
show_site (GfMapDetails *self,
           int           index)
{
  const GfMapSite *s = gf_map_data_get_site (self->data, index);
  int village = s->village_id != 0 ? gf_map_data_find_village (self->data, s->village_id) : -1;
  g_autofree char *subtitle = NULL;
  g_autofree char *location = NULL;

  gtk_label_set_label (self->kind_label, gf_map_util_feature_kind_label (GF_MAP_FEATURE_SITE));
  gtk_label_set_label (self->title_label, s->name);
  /* Translators: a site's kind and level, “Agricultural park · Provincial” */
  subtitle = g_strdup_printf (_("%s · %s"), gf_map_site_kind_to_label (s->kind),
                              gf_map_site_level_to_label (s->level));
  gtk_label_set_label (self->subtitle_label, subtitle);
  self->swatch_color = gf_map_site_kind_color (s->kind);

  add_cluster_fact (self, s->cluster);
  if (village >= 0)
    {
      const GfMapVillage *v = gf_map_data_get_village (self->data, village);

      add_link (self, self->facts_list, v->name, C_("feature kind", "Village"),
                GF_MAP_FEATURE_VILLAGE, village);
      add_fact (self, C_("feature kind", "Town"), town_name (self, v->town));
    }
  /* Translators: longitude and latitude in degrees, “120.12345° E, 30.12345° N” */
  location = g_strdup_printf (_("%.5f° E, %.5f° N"), s->lon, s->lat);
  add_fact (self, _("Location"), location);
}

static void
show_town (GfMapDetails *self,
           int           index)
{
  const GfMapArea *t = gf_map_data_get_town (self->data, index);
  g_autoptr(GPtrArray) clusters = g_ptr_array_new ();
  g_autofree char *count = NULL;
  g_autofree char *cluster_list = NULL;
  guint n_villages = 0;

  gtk_label_set_label (self->kind_label, gf_map_util_feature_kind_label (GF_MAP_FEATURE_TOWN));
  gtk_label_set_label (self->title_label, t->name);
  gtk_label_set_label (self->subtitle_label, t->code != NULL ? t->code : "");

  for (guint i = 0; i < gf_map_data_get_n_villages (self->data); i++)
    {
      const GfMapVillage *v = gf_map_data_get_village (self->data, i);

      if (v->town != index)
        continue;
      n_villages++;
      if (v->cluster >= 0)
        {
          const char *name = gf_map_data_get_cluster (self->data, v->cluster)->name;

          if (!g_ptr_array_find_with_equal_func (clusters, name, g_str_equal, NULL))
            g_ptr_array_add (clusters, (gpointer) name);
        }
    }
  g_ptr_array_add (clusters, NULL);

  count = g_strdup_printf ("%u", n_villages);
  cluster_list = g_strjoinv (_(", "), (char **) clusters->pdata);
  add_fact (self, _("Code"), t->code);
  add_fact (self, _("Villages"), count);
  /* Translators: the clusters a town's villages belong to, a list of names */
  add_fact (self, _("Clusters in the town"), cluster_list);
}

static void
rebuild (GfMapDetails *self)
{
  gboolean has_indicators, has_members, has_sites;

  clear_list (self->facts_list);
  clear_list (self->indicators_list);
  clear_list (self->members_list);
  clear_list (self->sites_list);
  gtk_label_set_label (self->title_label, "");
  gtk_label_set_label (self->subtitle_label, "");
  gtk_label_set_label (self->kind_label, "");
  self->swatch_color = G_MAXUINT32;

  if (self->data != NULL)
    {
      switch (self->kind)
        {
        case GF_MAP_FEATURE_VILLAGE:
          show_village (self, self->index);
          break;
        case GF_MAP_FEATURE_CLUSTER:
          show_cluster (self, self->index);
          break;
        case GF_MAP_FEATURE_SITE:
          show_site (self, self->index);
          break;
        case GF_MAP_FEATURE_TOWN:
          show_town (self, self->index);
          break;
        case GF_MAP_FEATURE_NONE:
        default:
          break;
        }
    }

  has_indicators = gtk_widget_get_first_child (GTK_WIDGET (self->indicators_list)) != NULL;
  has_members = gtk_widget_get_first_child (GTK_WIDGET (self->members_list)) != NULL;
  has_sites = gtk_widget_get_first_child (GTK_WIDGET (self->sites_list)) != NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->indicators_heading), has_indicators);
  gtk_widget_set_visible (GTK_WIDGET (self->indicators_list), has_indicators);
  gtk_widget_set_visible (GTK_WIDGET (self->members_heading), has_members);
  gtk_widget_set_visible (GTK_WIDGET (self->members_list), has_members);
  gtk_widget_set_visible (GTK_WIDGET (self->sites_heading), has_sites);
  gtk_widget_set_visible (GTK_WIDGET (self->sites_list), has_sites);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label),
                          *gtk_label_get_label (self->subtitle_label) != '\0');
  gtk_widget_set_visible (self->swatch, self->swatch_color != G_MAXUINT32);
  gtk_widget_queue_draw (self->swatch);
  gtk_widget_set_visible (GTK_WIDGET (self->charts_button),
                          gf_map_details_get_chart_subject (self, NULL, NULL));
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  GfMapDetails *self = user_data;
  guint32 rgb = self->swatch_color;

  if (rgb == G_MAXUINT32)
    return;

  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 1, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

/* Callbacks */

static void
row_activated_cb (GfMapDetails  *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list)
{
  gpointer kind = g_object_get_data (G_OBJECT (row), "gf-kind");

  if (kind == NULL)
    return;

  g_signal_emit (self, signals[FEATURE_ACTIVATED], 0, GPOINTER_TO_INT (kind),
                 GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "gf-index")));
}

static void
close_clicked_cb (GfMapDetails *self)
{
  g_signal_emit (self, signals[CLOSE], 0);
}

static void
charts_clicked_cb (GfMapDetails *self)
{
  const char *subject;
  gint64 id;

  if (!gf_map_details_get_chart_subject (self, &subject, &id))
    return;

  /* The Charts view showing this cluster or village; a window without that action still
   * goes to the Charts view. */
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-on-charts", "(sx)", subject, id))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-view", "s", "charts");
}

/* GObject */

static void
gf_map_details_dispose (GObject *object)
{
  GfMapDetails *self = GF_MAP_DETAILS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_MAP_DETAILS);
  /* The template's root is not bound to a field: unparent it ourselves. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  self->aggregator = NULL;
  g_clear_pointer (&self->data, gf_map_data_unref);
  g_clear_pointer (&self->village_values, g_hash_table_unref);
  g_clear_pointer (&self->cluster_values, g_hash_table_unref);

  G_OBJECT_CLASS (gf_map_details_parent_class)->dispose (object);
}

static void
gf_map_details_class_init (GfMapDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_map_details_dispose;

  /**
   * GfMapDetails::close:
   *
   * Emitted when the user closes the pane.
   */
  signals[CLOSE] =
    g_signal_new ("close",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * GfMapDetails::feature-activated:
   * @kind: a #GfMapFeatureKind
   * @index: the feature's index in the map data
   *
   * Emitted when the user picks a related feature: a member village, a site, the cluster.
   */
  signals[FEATURE_ACTIVATED] =
    g_signal_new ("feature-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/gf-map-details.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gf-map-details");

  /* Template widgets */
  gtk_widget_class_bind_template_child (widget_class, GfMapDetails, kind_label);
  gtk_widget_class_bind_template_child (widget_class, GfMapDetails, title_label);
  gtk_widget_class_bind_template_child (widget_class, GfMapDetails, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, GfMapDetails, swatch);
  gtk_widget_class_bind_template_child (widget_class, GfMapDetails, facts_list);
  gtk_widget_class_bind_template_child (widget_class, GfMapDetails, indicators_heading);
  gtk_widget_class_bind_template_child (widget_class, GfMapDetails, indicators_list);
  gtk_widget_class_bind_template_child (widget_class, GfMapDetails, members_heading);
  gtk_widget_class_bind_template_child (widget_class, GfMapDetails, members_list);
  gtk_widget_class_bind_template_child (widget_class, GfMapDetails, sites_heading);
  gtk_widget_class_bind_template_child (widget_class, GfMapDetails, sites_list);
  gtk_widget_class_bind_template_child (widget_class, GfMapDetails, edit_button);
  gtk_widget_class_bind_template_child (widget_class, GfMapDetails, charts_button);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, charts_clicked_cb);
}

static void
gf_map_details_init (GfMapDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gf_accessible_name_mnemonic_button (self->edit_button);

  self->village_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) gf_village_values_free);
  self->cluster_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) g_array_unref);
  self->index = -1;
  self->swatch_color = G_MAXUINT32;
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->swatch), draw_swatch, self, NULL);
  rebuild (self);
}

/* Public API */

/**
 * gf_map_details_set_context:
 * @data: (nullable): the map data indices refer to; a reference is taken
 * @aggregator: (nullable): where values come from; borrowed until the next call
 * @first_year: the first year with data (0 without any)
 * @last_year: the last one
 * @year: the year whose values to show
 *
 * Sets what the pane reads from and forgets the values read so far. The feature shown is
 * kept (the caller shows another one if the indices changed).
 */
void
gf_map_details_set_context (GfMapDetails *self,
                            GfMapData    *data,
                            GfAggregator *aggregator,
                            int           first_year,
                            int           last_year,
                            int           year)
{
  g_return_if_fail (GF_IS_MAP_DETAILS (self));

  if (data != NULL)
    gf_map_data_ref (data);
  g_clear_pointer (&self->data, gf_map_data_unref);
  self->data = data;
  self->aggregator = aggregator;
  self->first_year = first_year;
  self->last_year = MAX (last_year, first_year);
  self->year = CLAMP (year, first_year, self->last_year);
  clear_values (self);

  if (data == NULL)
    {
      self->kind = GF_MAP_FEATURE_NONE;
      self->index = -1;
    }
  rebuild (self);
}

/**
 * gf_map_details_show:
 * @kind: what to show, or %GF_MAP_FEATURE_NONE
 * @index: its index in the map data
 */
void
gf_map_details_show (GfMapDetails     *self,
                     GfMapFeatureKind  kind,
                     int               index)
{
  g_return_if_fail (GF_IS_MAP_DETAILS (self));

  self->kind = self->data != NULL ? kind : GF_MAP_FEATURE_NONE;
  self->index = self->kind != GF_MAP_FEATURE_NONE ? index : -1;
  rebuild (self);
}

/**
 * gf_map_details_get_feature:
 * @index: (out) (optional): the index of the feature shown
 *
 * Returns: the kind of the feature shown
 */
GfMapFeatureKind
gf_map_details_get_feature (GfMapDetails *self,
                            int          *index)
{
  g_return_val_if_fail (GF_IS_MAP_DETAILS (self), GF_MAP_FEATURE_NONE);

  if (index != NULL)
    *index = self->index;

  return self->kind;
}

/**
 * gf_map_details_get_title:
 *
 * Returns: the name shown at the top of the pane
 */
const char *
gf_map_details_get_title (GfMapDetails *self)
{
  g_return_val_if_fail (GF_IS_MAP_DETAILS (self), NULL);

  return gtk_label_get_label (self->title_label);
}

/**
 * gf_map_details_get_subtitle:
 *
 * Returns: the line under the name (a code, a brand, a kind of site)
 */
const char *
gf_map_details_get_subtitle (GfMapDetails *self)
{
  g_return_val_if_fail (GF_IS_MAP_DETAILS (self), NULL);

  return gtk_label_get_label (self->subtitle_label);
}

/**
 * gf_map_details_get_chart_subject:
 * @subject: (out) (optional) (transfer none): "cluster" or "village"
 * @id: (out) (optional): the cluster's or the village's id
 *
 * What "Show on Charts" shows of the feature on display: a cluster, a village, or a site's
 * village. Towns and sites outside any village have no charts of their own.
 *
 * Returns: %FALSE when the feature has no charts
 */
gboolean
gf_map_details_get_chart_subject (GfMapDetails  *self,
                                  const char   **subject,
                                  gint64        *id)
{
  const char *kind = NULL;
  gint64 feature_id = 0;

  g_return_val_if_fail (GF_IS_MAP_DETAILS (self), FALSE);

  if (self->data != NULL && self->index >= 0)
    {
      switch (self->kind)
        {
        case GF_MAP_FEATURE_CLUSTER:
          if ((guint) self->index < gf_map_data_get_n_clusters (self->data))
            {
              kind = "cluster";
              feature_id = gf_map_data_get_cluster (self->data, self->index)->id;
            }
          break;

        case GF_MAP_FEATURE_VILLAGE:
          if ((guint) self->index < gf_map_data_get_n_villages (self->data))
            {
              kind = "village";
              feature_id = gf_map_data_get_village (self->data, self->index)->id;
            }
          break;

        case GF_MAP_FEATURE_SITE:
          if ((guint) self->index < gf_map_data_get_n_sites (self->data))
            {
              const GfMapSite *site = gf_map_data_get_site (self->data, self->index);

              if (site->village_id != 0
                  && gf_map_data_find_village (self->data, site->village_id) >= 0)
                {
                  kind = "village";
                  feature_id = site->village_id;
                }
            }
          break;

        case GF_MAP_FEATURE_TOWN:
        case GF_MAP_FEATURE_NONE:
        default:
          break;
        }
    }

  if (subject != NULL)
    *subject = kind;
  if (id != NULL)
    *id = feature_id;

  return kind != NULL;
}
