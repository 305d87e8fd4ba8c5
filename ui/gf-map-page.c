/* gf-map-page.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The map view. Until the map layers land it shows the district at a glance from the summary:
 * counts of towns, villages, clusters and sites, and every cluster with its members and its
 * operating and per-capita income in the selected year.
 */

#define G_LOG_DOMAIN "gf-map-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "gf-cluster-item.h"
#include "gf-map-page.h"

struct _GfMapPage
{
  GtkWidget   parent_instance;

  /* Template widgets */
  GtkStack   *stack;
  GtkLabel   *district_label;
  GtkLabel   *year_label;
  GtkLabel   *towns_value;
  GtkLabel   *villages_value;
  GtkLabel   *clusters_value;
  GtkLabel   *sites_value;
  GtkListBox *clusters_list;

  /* Owned */
  GListModel *clusters;
  char       *operating_unit;
  char       *per_capita_unit;
};

G_DEFINE_FINAL_TYPE (GfMapPage, gf_map_page, GTK_TYPE_WIDGET)

static void
set_count (GtkLabel *label,
           gint64    count)
{
  g_autofree char *text = g_strdup_printf ("%'" G_GINT64_FORMAT, count);

  gtk_label_set_label (label, text);
}

/* A figure with its caption below, as a suffix of a cluster row. */
static GtkWidget *
create_figure (double      value,
               const char *unit,
               const char *caption)
{
  g_autofree char *number = gf_format_value (value);
  g_autofree char *text = NULL;
  GtkWidget *box;
  GtkWidget *value_label;
  GtkWidget *caption_label;

  if (unit != NULL && !isnan (value))
    /* Translators: a figure and its unit, such as “1,234 万元” */
    text = g_strdup_printf (C_("value with unit", "%s %s"), number, unit);
  else
    text = g_steal_pointer (&number);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (box, 120, -1);

  value_label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (value_label), 1);
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_box_append (GTK_BOX (box), value_label);

  caption_label = gtk_label_new (caption);
  gtk_label_set_xalign (GTK_LABEL (caption_label), 1);
  gtk_widget_add_css_class (caption_label, "caption");
  gtk_widget_add_css_class (caption_label, "dim-label");
  gtk_box_append (GTK_BOX (box), caption_label);

  return box;
}

static GtkWidget *
create_cluster_row (gpointer item,
                    gpointer user_data)
{
  GfClusterItem *cluster = item;
  GfMapPage *self = user_data;
  const char *brand = gf_cluster_item_get_brand (cluster);
  guint n_members = gf_cluster_item_get_n_members (cluster);
  g_autofree char *members = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  members = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u village", "%u villages",
                                          n_members), n_members);
  if (brand != NULL && *brand != '\0')
    /* Translators: the brand of a cluster and its number of villages, “源头共富 · 6 villages” */
    subtitle = g_strdup_printf (_("%s · %s"), brand, members);
  else
    subtitle = g_steal_pointer (&members);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gf_cluster_item_get_name (cluster));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             create_figure (gf_cluster_item_get_operating_income (cluster),
                                            self->operating_unit, _("Operating income")));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             create_figure (gf_cluster_item_get_per_capita_income (cluster),
                                            self->per_capita_unit, _("Per-capita income")));

  return row;
}

static void
gf_map_page_dispose (GObject *object)
{
  GfMapPage *self = GF_MAP_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_MAP_PAGE);
  g_clear_object (&self->clusters);

  G_OBJECT_CLASS (gf_map_page_parent_class)->dispose (object);
}

static void
gf_map_page_finalize (GObject *object)
{
  GfMapPage *self = GF_MAP_PAGE (object);

  g_clear_pointer (&self->operating_unit, g_free);
  g_clear_pointer (&self->per_capita_unit, g_free);

  G_OBJECT_CLASS (gf_map_page_parent_class)->finalize (object);
}

static void
gf_map_page_class_init (GfMapPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_map_page_dispose;
  object_class->finalize = gf_map_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/gf-map-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gf-map-page");

  /* Template widgets */
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, district_label);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, year_label);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, towns_value);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, villages_value);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, clusters_value);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, sites_value);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, clusters_list);
}

static void
gf_map_page_init (GfMapPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * gf_map_page_set_summary:
 * @summary: (nullable): the district's summary; nothing of it is kept
 */
void
gf_map_page_set_summary (GfMapPage       *self,
                         const GfSummary *summary)
{
  g_autofree char *year_text = NULL;
  GtkWidget *placeholder;

  g_return_if_fail (GF_IS_MAP_PAGE (self));

  if (summary == NULL || (summary->n_towns == 0 && summary->n_villages == 0))
    {
      gtk_list_box_bind_model (self->clusters_list, NULL, NULL, NULL, NULL);
      g_clear_object (&self->clusters);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (summary->district_name != NULL && *summary->district_name != '\0')
    gtk_label_set_label (self->district_label, summary->district_name);
  else
    gtk_label_set_label (self->district_label, _("Unnamed District"));

  if (summary->year > 0)
    /* Translators: %d is a year */
    year_text = g_strdup_printf (_("Figures for %d"), summary->year);
  else
    year_text = g_strdup (_("No indicator values yet"));
  gtk_label_set_label (self->year_label, year_text);

  set_count (self->towns_value, summary->n_towns);
  set_count (self->villages_value, summary->n_villages);
  set_count (self->clusters_value, summary->n_clusters);
  set_count (self->sites_value, summary->n_sites);

  g_clear_pointer (&self->operating_unit, g_free);
  g_clear_pointer (&self->per_capita_unit, g_free);
  g_clear_object (&self->clusters);
  self->clusters = gf_cluster_item_list_new (summary, &self->operating_unit,
                                             &self->per_capita_unit);
  gtk_list_box_bind_model (self->clusters_list, self->clusters, create_cluster_row, self, NULL);

  placeholder = gtk_label_new (_("No clusters in the current layout"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->clusters_list, placeholder);

  gtk_stack_set_visible_child_name (self->stack, "summary");
}
