/* gf-records-page.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The records view. For now a read-only table of the clusters of the current layout with their
 * figures for the selected year; the editable tables and forms come later.
 */

#define G_LOG_DOMAIN "gf-records-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gf-cluster-item.h"
#include "gf-records-page.h"

struct _GfRecordsPage
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkStack           *stack;
  GtkLabel           *title_label;
  GtkColumnView      *column_view;
  GtkSortListModel   *sort_model;
  GtkColumnViewColumn *operating_column;
  GtkColumnViewColumn *per_capita_column;

  /* Owned: the clusters shown, kept from year to year */
  GListStore          *clusters;
};

G_DEFINE_FINAL_TYPE (GfRecordsPage, gf_records_page, GTK_TYPE_WIDGET)

static void
set_column_title (GtkColumnViewColumn *column,
                  const char          *title,
                  const char          *unit)
{
  g_autofree char *text = NULL;

  if (unit == NULL || *unit == '\0')
    {
      gtk_column_view_column_set_title (column, title);
      return;
    }

  /* Translators: a column title and its unit, as in “Operating income (万元)” */
  text = g_strdup_printf (_("%s (%s)"), title, unit);
  gtk_column_view_column_set_title (column, text);
}

static void
gf_records_page_dispose (GObject *object)
{
  GfRecordsPage *self = GF_RECORDS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), GF_TYPE_RECORDS_PAGE);
  g_clear_object (&self->clusters);

  G_OBJECT_CLASS (gf_records_page_parent_class)->dispose (object);
}

static void
gf_records_page_class_init (GfRecordsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_records_page_dispose;

  g_type_ensure (GF_TYPE_CLUSTER_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/gf-records-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gf-records-page");

  /* Template widgets */
  gtk_widget_class_bind_template_child (widget_class, GfRecordsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GfRecordsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, GfRecordsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, GfRecordsPage, sort_model);
  gtk_widget_class_bind_template_child (widget_class, GfRecordsPage, operating_column);
  gtk_widget_class_bind_template_child (widget_class, GfRecordsPage, per_capita_column);
}

static void
gf_records_page_init (GfRecordsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The table keeps its model: a new one would make it build every visible cell again. */
  self->clusters = g_list_store_new (GF_TYPE_CLUSTER_ITEM);
  gtk_sort_list_model_set_model (self->sort_model, G_LIST_MODEL (self->clusters));
}

/* The figures of the items changed in place: a table sorted by one of them is sorted again.
 * The same items go out and back in, so the table moves its rows instead of making new ones. */
static void
resort (GfRecordsPage *self)
{
  GtkSorter *sorter = gtk_sort_list_model_get_sorter (self->sort_model);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->clusters));
  g_autoptr(GPtrArray) items = NULL;

  if (sorter == NULL || gtk_sorter_get_order (sorter) == GTK_SORTER_ORDER_NONE || n_items == 0)
    return;

  items = g_ptr_array_new_full (n_items, g_object_unref);
  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (self->clusters), i));
  g_list_store_splice (self->clusters, 0, n_items, items->pdata, n_items);
}

/**
 * gf_records_page_set_summary:
 * @summary: (nullable): the district's summary; nothing of it is kept
 *
 * Shows the clusters of the summary with their figures. The same clusters as before (a new
 * year) keep their rows and only their figures change.
 */
void
gf_records_page_set_summary (GfRecordsPage   *self,
                             const GfSummary *summary)
{
  g_autofree char *operating_unit = NULL;
  g_autofree char *per_capita_unit = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (GF_IS_RECORDS_PAGE (self));

  if (summary == NULL || (summary->n_towns == 0 && summary->n_villages == 0))
    {
      gf_cluster_item_list_update (self->clusters, NULL, NULL, NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (gf_cluster_item_list_update (self->clusters, summary, &operating_unit, &per_capita_unit))
    resort (self);

  set_column_title (self->operating_column, _("Operating income"), operating_unit);
  set_column_title (self->per_capita_column, _("Per-capita income"), per_capita_unit);

  if (summary->year > 0)
    /* Translators: %d is a year */
    title = g_strdup_printf (_("Clusters of the current layout, figures for %d"), summary->year);
  else
    title = g_strdup (_("Clusters of the current layout"));
  gtk_label_set_label (self->title_label, title);

  gtk_stack_set_visible_child_name (self->stack, "table");
}
