/* gf-chart-card.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A card of the charts dashboard: a header with the chart's title, its years and its buttons
 * (the numbers as a table, enlarge, and a menu to export, copy and print), over the chart or
 * its table. On the dashboard the chart leaves its title to the header; enlarged it draws the
 * whole chart as it will be exported, title and source line included.
 */

#define G_LOG_DOMAIN "gf-chart-card"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gf-add-slide-dialog.h"
#include "gf-chart-card.h"
#include "gf-chart-export.h"
#include "gf-window.h"
#include "gf-number-format.h"

/* A row of the table: one category (year or cluster) of the chart. */
#define GF_TYPE_CHART_ROW (gf_chart_row_get_type ())
G_DECLARE_FINAL_TYPE (GfChartRow, gf_chart_row, GF, CHART_ROW, GObject)

struct _GfChartRow
{
  GObject parent_instance;
  guint   category;
};

G_DEFINE_FINAL_TYPE (GfChartRow, gf_chart_row, G_TYPE_OBJECT)

/* What a column of the table shows: a series, or the categories for -1. */
typedef struct
{
  GfChartCard *card;   /* borrowed: the card owns the columns */
  int          series;
} ColumnData;

struct _GfChartCard
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkWidget      *header;
  GtkBox         *title_box;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkWidget      *enlarge_button;
  GtkStack       *content_stack;
  GfChartView    *chart_view;
  GtkColumnView  *table_view;

  /* Owned */
  GListStore     *rows;
  char           *category_header;
  char           *file_stem;
  GfSlide        *slide;          /* what "Add to Briefing…" adds; NULL hides it */

  /* Borrowed */
  GtkWidget      *title_widget;

  int             decimals;       /* of the table's values */
  guint           large : 1;
  guint           show_table : 1;
  guint           has_data : 1;
  guint           table_dirty : 1;
};

G_DEFINE_FINAL_TYPE (GfChartCard, gf_chart_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LARGE,
  PROP_SHOW_TABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ENLARGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
gf_chart_row_class_init (GfChartRowClass *klass)
{
}

static void
gf_chart_row_init (GfChartRow *self)
{
}

static GfChartRow *
chart_row_new (guint category)
{
  GfChartRow *row = g_object_new (GF_TYPE_CHART_ROW, NULL);

  row->category = category;
  return row;
}

static gboolean
spec_has_data (const GfChartSpec *spec)
{
  for (guint s = 0; s < spec->n_series; s++)
    for (guint c = 0; c < spec->n_categories; c++)
      if (isfinite (gf_chart_spec_value (spec, s, c)))
        return TRUE;

  return FALSE;
}

/* The same decimals for a whole table, so that its numbers line up: as many as the data
 * carry, at most two (a table is read for exact figures, unlike a chart's rounded labels). */
static int
table_decimals (const GfChartSpec *spec)
{
  for (int decimals = 0; decimals < 2; decimals++)
    {
      double factor = pow (10, decimals);
      gboolean exact = TRUE;

      for (guint s = 0; s < spec->n_series && exact; s++)
        for (guint c = 0; c < spec->n_categories && exact; c++)
          {
            double v = gf_chart_spec_value (spec, s, c) * factor;

            if (isfinite (v) && fabs (v - round (v)) > 1e-6 * MAX (1.0, fabs (v)))
              exact = FALSE;
          }

      if (exact)
        return decimals;
    }

  return 2;
}

/* The spec as shown, with the contrast the view uses, for exports. */
static GfChartSpec
shown_spec (GfChartCard *self)
{
  GfChartSpec spec = *gf_chart_view_get_spec (self->chart_view);

  spec.high_contrast = gf_chart_view_get_high_contrast (self->chart_view);
  return spec;
}

static void
update_actions (GfChartCard *self)
{
  gboolean data = self->has_data;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.export", data);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.copy", data);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.print", data);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.enlarge", !self->large);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.add-to-briefing",
                                 self->slide != NULL);
}

/* Table */

static void
column_data_free (ColumnData *data)
{
  g_free (data);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const ColumnData *data = user_data;
  const GfChartSpec *spec = gf_chart_view_get_spec (data->card->chart_view);
  guint ca = GF_CHART_ROW ((gpointer) a)->category;
  guint cb = GF_CHART_ROW ((gpointer) b)->category;
  double va, vb;

  if (data->series < 0 || spec == NULL)
    return ca < cb ? GTK_ORDERING_SMALLER : ca > cb ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;

  va = gf_chart_spec_value (spec, (guint) data->series, ca);
  vb = gf_chart_spec_value (spec, (guint) data->series, cb);

  /* Missing values sort before every number. */
  if (!isfinite (va) || !isfinite (vb))
    return isfinite (va) ? GTK_ORDERING_LARGER
                         : isfinite (vb) ? GTK_ORDERING_SMALLER : GTK_ORDERING_EQUAL;

  return va < vb ? GTK_ORDERING_SMALLER : va > vb ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               ColumnData               *data)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (data->series >= 0)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }

  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ColumnData               *data)
{
  const GfChartSpec *spec = gf_chart_view_get_spec (data->card->chart_view);
  GfChartRow *row = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));

  if (spec == NULL || row->category >= spec->n_categories)
    {
      gtk_label_set_label (label, "");
      return;
    }

  if (data->series < 0)
    {
      gtk_label_set_label (label, spec->categories != NULL ? spec->categories[row->category]
                                                           : "");
    }
  else
    {
      g_autofree char *text = gf_chart_card_format_value (data->card, (guint) data->series,
                                                          row->category);

      gtk_label_set_label (label, text);
    }
}

static GtkColumnViewColumn *
table_column_new (GfChartCard *self,
                  const char  *title,
                  int          series)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSorter) sorter = NULL;
  GtkColumnViewColumn *column;
  ColumnData *data = g_new0 (ColumnData, 1);

  data->card = self;
  data->series = series;

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), data);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), data);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows, data, NULL));

  column = gtk_column_view_column_new (title, g_steal_pointer (&factory));
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  /* The numbers share the width; the years or names keep theirs. */
  gtk_column_view_column_set_expand (column, series >= 0);
  g_object_set_data_full (G_OBJECT (column), "gf-column", data,
                          (GDestroyNotify) column_data_free);

  return column;
}

static void
rebuild_table (GfChartCard *self)
{
  const GfChartSpec *spec = gf_chart_view_get_spec (self->chart_view);
  GListModel *columns = gtk_column_view_get_columns (self->table_view);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  self->table_dirty = FALSE;

  gtk_column_view_sort_by_column (self->table_view, NULL, GTK_SORT_ASCENDING);
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->table_view, column);
    }

  if (spec != NULL)
    {
      g_autoptr(GtkColumnViewColumn) first = NULL;

      first = table_column_new (self, self->category_header != NULL ? self->category_header : "",
                                -1);
      gtk_column_view_append_column (self->table_view, first);

      for (guint s = 0; s < spec->n_series; s++)
        {
          g_autoptr(GtkColumnViewColumn) column = NULL;
          g_autofree char *title = gf_chart_export_column_title (spec, s);

          column = table_column_new (self, title, (int) s);
          gtk_column_view_append_column (self->table_view, column);
        }

      for (guint c = 0; c < spec->n_categories; c++)
        g_ptr_array_add (rows, chart_row_new (c));
    }

  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
}

static void
update_content (GfChartCard *self)
{
  if (self->show_table && self->table_dirty)
    rebuild_table (self);

  gtk_stack_set_visible_child_name (self->content_stack, self->show_table ? "table" : "chart");
}

static void
update_mode (GfChartCard *self)
{
  /* Enlarged, the chart draws its own title and source line, as exported. */
  gf_chart_view_set_show_titles (self->chart_view, self->large);
  gf_chart_view_set_font_scale (self->chart_view, self->large ? 0 : 1);
  gtk_widget_set_visible (GTK_WIDGET (self->title_box), !self->large);
  gtk_widget_set_halign (self->header, self->large ? GTK_ALIGN_END : GTK_ALIGN_FILL);
  gtk_widget_set_visible (self->enlarge_button, !self->large);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->chart_view),
                                   self->large ? NULL : "pointer");

  if (self->large)
    gtk_widget_add_css_class (GTK_WIDGET (self), "large");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "large");

  update_actions (self);
}

/* Actions */

static void
enlarge_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_signal_emit (widget, signals[ENLARGE], 0);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GfChartCard *self = GF_CHART_CARD (widget);
  GfChartFormat format;
  GfChartSpec spec;

  if (gf_chart_view_get_spec (self->chart_view) == NULL
      || !gf_chart_format_from_string (g_variant_get_string (parameter, NULL), &format))
    return;

  spec = shown_spec (self);
  gf_chart_export_choose_file (widget, &spec, format, self->file_stem);
}

static void
copy_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GfChartCard *self = GF_CHART_CARD (widget);
  GfChartSpec spec;

  if (gf_chart_view_get_spec (self->chart_view) == NULL)
    return;

  spec = shown_spec (self);
  gf_chart_export_copy (widget, &spec, self->category_header);
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GfChartCard *self = GF_CHART_CARD (widget);
  GfChartSpec spec;

  if (gf_chart_view_get_spec (self->chart_view) == NULL)
    return;

  spec = shown_spec (self);
  gf_chart_export_print_dialog (widget, &spec);
}

static void
add_to_briefing_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  GfChartCard *self = GF_CHART_CARD (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GfDatabase *db = GF_IS_WINDOW (root) ? gf_window_get_database (GF_WINDOW (root)) : NULL;

  if (self->slide == NULL || db == NULL)
    return;

  gf_add_slide_dialog_present (widget, db, self->slide);
}

/* Callbacks */

static void
chart_released_cb (GfChartCard     *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *gesture)
{
  if (n_press == 1 && !self->large)
    gtk_widget_activate_action (GTK_WIDGET (self), "chart.enlarge", NULL);
}

/* GObject */

static void
gf_chart_card_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GfChartCard *self = GF_CHART_CARD (object);

  switch (prop_id)
    {
    case PROP_LARGE:
      g_value_set_boolean (value, self->large);
      break;

    case PROP_SHOW_TABLE:
      g_value_set_boolean (value, self->show_table);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gf_chart_card_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GfChartCard *self = GF_CHART_CARD (object);

  switch (prop_id)
    {
    case PROP_LARGE:
      gf_chart_card_set_large (self, g_value_get_boolean (value));
      break;

    case PROP_SHOW_TABLE:
      gf_chart_card_set_show_table (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gf_chart_card_dispose (GObject *object)
{
  GfChartCard *self = GF_CHART_CARD (object);

  /* The columns' data point back at the card. */
  if (self->table_view != NULL)
    {
      GListModel *columns = gtk_column_view_get_columns (self->table_view);

      while (g_list_model_get_n_items (columns) > 0)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

          gtk_column_view_remove_column (self->table_view, column);
        }
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_CHART_CARD);
  self->title_widget = NULL;

  G_OBJECT_CLASS (gf_chart_card_parent_class)->dispose (object);
}

static void
gf_chart_card_finalize (GObject *object)
{
  GfChartCard *self = GF_CHART_CARD (object);

  g_clear_object (&self->rows);
  g_clear_pointer (&self->category_header, g_free);
  g_clear_pointer (&self->file_stem, g_free);
  g_clear_pointer (&self->slide, gf_slide_free);

  G_OBJECT_CLASS (gf_chart_card_parent_class)->finalize (object);
}

static void
gf_chart_card_class_init (GfChartCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = gf_chart_card_get_property;
  object_class->set_property = gf_chart_card_set_property;
  object_class->dispose = gf_chart_card_dispose;
  object_class->finalize = gf_chart_card_finalize;

  /**
   * GfChartCard:large:
   *
   * Whether the card fills the page: the chart then draws its title and source line, and its
   * text grows with the size.
   */
  properties[PROP_LARGE] =
    g_param_spec_boolean ("large", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GfChartCard:show-table:
   *
   * Whether the numbers are shown as a table instead of the chart.
   */
  properties[PROP_SHOW_TABLE] =
    g_param_spec_boolean ("show-table", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GfChartCard::enlarge:
   *
   * Emitted when the user asks to see the chart large (a click on it, its Enlarge button);
   * the page shows it.
   */
  signals[ENLARGE] = g_signal_new ("enlarge",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  g_type_ensure (GF_TYPE_CHART_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/gf-chart-card.ui");
  gtk_widget_class_set_css_name (widget_class, "gf-chart-card");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  /* Template widgets */
  gtk_widget_class_bind_template_child (widget_class, GfChartCard, header);
  gtk_widget_class_bind_template_child (widget_class, GfChartCard, title_box);
  gtk_widget_class_bind_template_child (widget_class, GfChartCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, GfChartCard, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, GfChartCard, enlarge_button);
  gtk_widget_class_bind_template_child (widget_class, GfChartCard, content_stack);
  gtk_widget_class_bind_template_child (widget_class, GfChartCard, chart_view);
  gtk_widget_class_bind_template_child (widget_class, GfChartCard, table_view);
  gtk_widget_class_bind_template_callback (widget_class, chart_released_cb);

  gtk_widget_class_install_action (widget_class, "chart.enlarge", NULL, enlarge_activated);
  gtk_widget_class_install_action (widget_class, "chart.export", "s", export_activated);
  gtk_widget_class_install_action (widget_class, "chart.copy", NULL, copy_activated);
  gtk_widget_class_install_action (widget_class, "chart.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "chart.add-to-briefing", NULL,
                                   add_to_briefing_activated);
  gtk_widget_class_install_property_action (widget_class, "chart.show-table", "show-table");
}

static void
gf_chart_card_init (GfChartCard *self)
{
  g_autoptr(GtkSortListModel) sorted = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (GF_TYPE_CHART_ROW);
  self->table_dirty = TRUE;

  /* A table to read, not to pick from: no selection. */
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)),
                                    g_object_ref (gtk_column_view_get_sorter (self->table_view)));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&sorted)));
  gtk_column_view_set_model (self->table_view, GTK_SELECTION_MODEL (selection));

  update_mode (self);
}

/* Public API */

GtkWidget *
gf_chart_card_new (void)
{
  return g_object_new (GF_TYPE_CHART_CARD, NULL);
}

/**
 * gf_chart_card_set_chart:
 * @spec: what to show; it is copied
 * @category_header: (nullable): the header of the table's first column ("Year", "Cluster")
 * @file_stem: (nullable): the file name suggested by exports, without extension
 *
 * Shows a new chart and its numbers.
 */
void
gf_chart_card_set_chart (GfChartCard       *self,
                         const GfChartSpec *spec,
                         const char        *category_header,
                         const char        *file_stem)
{
  g_return_if_fail (GF_IS_CHART_CARD (self));
  g_return_if_fail (spec != NULL);

  gf_chart_view_set_spec (self->chart_view, spec);

  g_free (self->category_header);
  self->category_header = g_strdup (category_header);
  g_free (self->file_stem);
  self->file_stem = g_strdup (file_stem);

  self->has_data = spec_has_data (spec);
  self->decimals = table_decimals (spec);
  self->table_dirty = TRUE;

  gtk_label_set_label (self->title_label, spec->title != NULL ? spec->title : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), spec->title);
  gtk_label_set_label (self->subtitle_label, spec->subtitle != NULL ? spec->subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label),
                          spec->subtitle != NULL && *spec->subtitle != '\0');
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  spec->title != NULL ? spec->title : "",
                                  -1);

  update_content (self);
  update_actions (self);
}

/**
 * gf_chart_card_copy_chart:
 * @source: another card
 *
 * Shows the chart of @source, e.g. to see it enlarged.
 */
void
gf_chart_card_copy_chart (GfChartCard *self,
                          GfChartCard *source)
{
  const GfChartSpec *spec;

  g_return_if_fail (GF_IS_CHART_CARD (self));
  g_return_if_fail (GF_IS_CHART_CARD (source));

  spec = gf_chart_view_get_spec (source->chart_view);
  if (spec != NULL)
    gf_chart_card_set_chart (self, spec, source->category_header, source->file_stem);
  gf_chart_card_set_slide (self, source->slide);
  gf_chart_view_set_high_contrast (self->chart_view,
                                   gf_chart_view_get_high_contrast (source->chart_view));
}

/**
 * gf_chart_card_set_slide:
 * @slide: (nullable): the chart slide that shows what the card shows; it is copied. %NULL
 *   for a card that a slide cannot express, which hides "Add to Briefing…"
 */
void
gf_chart_card_set_slide (GfChartCard   *self,
                         const GfSlide *slide)
{
  g_return_if_fail (GF_IS_CHART_CARD (self));
  g_return_if_fail (slide == NULL || slide->kind == GF_SLIDE_CHART);

  g_clear_pointer (&self->slide, gf_slide_free);
  if (slide != NULL)
    self->slide = gf_slide_copy (slide);
  update_actions (self);
}

/**
 * gf_chart_card_get_slide:
 *
 * Returns: (transfer none) (nullable): the slide "Add to Briefing…" adds
 */
const GfSlide *
gf_chart_card_get_slide (GfChartCard *self)
{
  g_return_val_if_fail (GF_IS_CHART_CARD (self), NULL);

  return self->slide;
}

/**
 * gf_chart_card_get_spec:
 *
 * Returns: (transfer none) (nullable): the chart shown
 */
const GfChartSpec *
gf_chart_card_get_spec (GfChartCard *self)
{
  g_return_val_if_fail (GF_IS_CHART_CARD (self), NULL);

  return gf_chart_view_get_spec (self->chart_view);
}

const char *
gf_chart_card_get_category_header (GfChartCard *self)
{
  g_return_val_if_fail (GF_IS_CHART_CARD (self), NULL);

  return self->category_header;
}

const char *
gf_chart_card_get_file_stem (GfChartCard *self)
{
  g_return_val_if_fail (GF_IS_CHART_CARD (self), NULL);

  return self->file_stem;
}

/**
 * gf_chart_card_get_view:
 *
 * Returns: (transfer none): the chart widget
 */
GfChartView *
gf_chart_card_get_view (GfChartCard *self)
{
  g_return_val_if_fail (GF_IS_CHART_CARD (self), NULL);

  return self->chart_view;
}

/**
 * gf_chart_card_get_table:
 *
 * Returns: (transfer none): the table of the numbers, built when first shown
 */
GtkColumnView *
gf_chart_card_get_table (GfChartCard *self)
{
  g_return_val_if_fail (GF_IS_CHART_CARD (self), NULL);

  return self->table_view;
}

/**
 * gf_chart_card_set_title_widget:
 * @widget: (nullable): a widget to show instead of the title, e.g. a drop-down that chooses
 *   the indicator; %NULL for the title
 */
void
gf_chart_card_set_title_widget (GfChartCard *self,
                                GtkWidget   *widget)
{
  g_return_if_fail (GF_IS_CHART_CARD (self));
  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));

  if (self->title_widget == widget)
    return;

  if (self->title_widget != NULL)
    gtk_box_remove (self->title_box, self->title_widget);

  self->title_widget = widget;
  if (widget != NULL)
    gtk_box_insert_child_after (self->title_box, widget, GTK_WIDGET (self->title_label));

  gtk_widget_set_visible (GTK_WIDGET (self->title_label), widget == NULL);
}

gboolean
gf_chart_card_get_large (GfChartCard *self)
{
  g_return_val_if_fail (GF_IS_CHART_CARD (self), FALSE);

  return self->large;
}

void
gf_chart_card_set_large (GfChartCard *self,
                         gboolean     large)
{
  g_return_if_fail (GF_IS_CHART_CARD (self));

  large = !!large;
  if (self->large == large)
    return;

  self->large = large;
  update_mode (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LARGE]);
}

gboolean
gf_chart_card_get_show_table (GfChartCard *self)
{
  g_return_val_if_fail (GF_IS_CHART_CARD (self), FALSE);

  return self->show_table;
}

void
gf_chart_card_set_show_table (GfChartCard *self,
                              gboolean     show_table)
{
  g_return_if_fail (GF_IS_CHART_CARD (self));

  show_table = !!show_table;
  if (self->show_table == show_table)
    return;

  self->show_table = show_table;
  update_content (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TABLE]);
}

/**
 * gf_chart_card_get_has_data:
 *
 * Returns: whether the chart has any value to show
 */
gboolean
gf_chart_card_get_has_data (GfChartCard *self)
{
  g_return_val_if_fail (GF_IS_CHART_CARD (self), FALSE);

  return self->has_data;
}

/**
 * gf_chart_card_format_value:
 * @series: a series index
 * @category: a category index
 *
 * The text of a cell of the table: the value in the unit of the column, grouped, with the
 * decimals of the whole table ("1,234.5"), a signed percentage for growth ("+3.2%"), or an em
 * dash where the value is missing.
 *
 * Returns: (transfer full): the text
 */
char *
gf_chart_card_format_value (GfChartCard *self,
                            guint        series,
                            guint        category)
{
  const GfChartSpec *spec;
  double value;

  g_return_val_if_fail (GF_IS_CHART_CARD (self), NULL);

  spec = gf_chart_view_get_spec (self->chart_view);
  if (spec == NULL || series >= spec->n_series || category >= spec->n_categories)
    return g_strdup ("—");

  value = gf_chart_spec_value (spec, series, category);
  if (!isfinite (value))
    return g_strdup ("—");

  if (spec->kind == GF_CHART_KIND_GROWTH_BAR)
    return gf_number_format_percent_signed (value, 1);

  return gf_number_format_grouped (value, self->decimals);
}
