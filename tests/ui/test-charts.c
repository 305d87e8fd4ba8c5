/* test-charts.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Charts view in the real main window on a temporary sample database: the cards and what
 * their specs hold, hovering, enlarging, the table, the exports (PNG at 300 dpi, SVG, PDF,
 * printing to PDF, the clipboard), the clusters and indicator choosers, high contrast, a year
 * without data, a change of the database, comparing chosen villages and win.show-on-charts.
 */

#define _GNU_SOURCE  /* memmem */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "gf-aggregate.h"
#include "gf-chart-card.h"
#include "gf-chart-export.h"
#include "gf-chart-render.h"
#include "gf-chart-view.h"
#include "gf-charts-page.h"
#include "gf-number-format.h"
#include "gf-series.h"
#include "gf-store.h"
#include "gf-summary.h"
#include "gf-test-ui.h"
#include "gf-village-picker.h"
#include "gf-window.h"

#define NO_DATA_MESSAGE "There is no data for 2030: the data covers 2016–2025"

/* The window on the sample database, showing the Charts view. */
typedef GfTestUiCharts Fixture;

static const struct {
  const char  *name;
  GfChartKind  kind;
} cards[] = {
  { "trend_card", GF_CHART_KIND_LINE },
  { "ranking_card", GF_CHART_KIND_RANKED_BAR },
  { "shares_card", GF_CHART_KIND_DONUT },
  { "income_card", GF_CHART_KIND_LINE },
  { "growth_card", GF_CHART_KIND_GROWTH_BAR },
  { "land_card", GF_CHART_KIND_STACKED_BAR },
  { "jobs_card", GF_CHART_KIND_RANKED_BAR },
  { "markets_card", GF_CHART_KIND_GROUPED_BAR },
  { "finance_card", GF_CHART_KIND_GROUPED_BAR },
};

static gboolean
has_layout (gpointer view)
{
  return gtk_widget_get_width (view) > 0 && gf_chart_view_get_layout (view) != NULL;
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        g_ptr_array_add (texts, (gpointer) gtk_label_get_label (GTK_LABEL (child)));
      collect_labels (child, texts);
    }
}

static gboolean
labels_contain (GtkWidget  *widget,
                const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  collect_labels (widget, texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
layout_has_text (const GfChartLayout *layout,
                 GfChartTextRole      role,
                 const char          *text)
{
  for (guint i = 0; i < layout->n_texts; i++)
    if (layout->texts[i].role == role && g_strcmp0 (layout->texts[i].text, text) == 0)
      return TRUE;

  return FALSE;
}

/* The value the core computes for a cluster, apart from the page. */
static double
expected_value (GfDatabase *db,
                const char *code,
                guint       cluster,
                int         year)
{
  g_autoptr(GfAggregator) aggregator = NULL;
  g_autoptr(GfSeriesSet) set = NULL;
  g_autoptr(GError) error = NULL;

  aggregator = gf_aggregator_new (db, 0, &error);
  g_assert_no_error (error);
  set = gf_series_by_cluster (aggregator, gf_aggregator_get_indicator (aggregator, code),
                              NULL, 0, year, year, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cluster, <, set->n_series);

  return set->values[cluster][0];
}

/* Tests */

static void
test_charts_cards (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GPtrArray) clusters = gf_store_list_clusters (fixture->db, NULL);
  GtkStack *stack = gf_test_ui_template_child (fixture->page, GF_TYPE_CHARTS_PAGE, "stack");
  const GfChartSpec *spec;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "grid");
  g_assert_nonnull (clusters);
  g_assert_cmpuint (clusters->len, ==, 6);

  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      GfChartCard *card = gf_test_ui_chart_card (fixture, cards[i].name);

      spec = gf_chart_card_get_spec (card);
      g_assert_nonnull (spec);
      g_assert_cmpint (spec->kind, ==, cards[i].kind);
      g_assert_nonnull (spec->title);
      g_assert_true (gf_chart_card_get_has_data (card));
      g_assert_cmpstr (spec->source, ==, "Source: 示例区 database");
      g_assert_nonnull (spec->no_data_message);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (card)));
    }

  /* Lines: the six clusters over 2016–2025, named from the catalogue in English here. */
  spec = gf_chart_card_get_spec (gf_test_ui_chart_card (fixture, "trend_card"));
  g_assert_cmpstr (spec->title, ==, "Collective operating income");
  g_assert_cmpstr (spec->subtitle, ==, "By cluster · 2016–2025");
  g_assert_cmpstr (spec->unit, ==, "万元");
  g_assert_cmpuint (spec->n_categories, ==, 10);
  g_assert_cmpstr (spec->categories[0], ==, "2016");
  g_assert_cmpstr (spec->categories[9], ==, "2025");
  g_assert_cmpuint (spec->n_series, ==, 6);
  for (guint c = 0; c < clusters->len; c++)
    g_assert_cmpstr (spec->series[c].name, ==,
                     ((GfClusterRecord *) g_ptr_array_index (clusters, c))->name);
  g_assert_cmpfloat_with_epsilon (gf_chart_spec_value (spec, 0, 9),
                                  expected_value (fixture->db, "coll_operating_income", 0, 2025),
                                  1e-9);

  spec = gf_chart_card_get_spec (gf_test_ui_chart_card (fixture, "income_card"));
  g_assert_cmpstr (spec->title, ==, "Rural per-capita disposable income");
  g_assert_cmpstr (spec->unit, ==, "元");
  g_assert_cmpuint (spec->n_series, ==, 6);
  g_assert_cmpuint (spec->n_categories, ==, 10);

  /* Growth starts with the second year, which has a year before it. */
  spec = gf_chart_card_get_spec (gf_test_ui_chart_card (fixture, "growth_card"));
  g_assert_cmpuint (spec->n_series, ==, 6);
  g_assert_cmpuint (spec->n_categories, ==, 9);
  g_assert_cmpstr (spec->categories[0], ==, "2017");
  g_assert_cmpstr (spec->categories[8], ==, "2025");
  g_assert_true (isfinite (gf_chart_spec_value (spec, 0, 0)));

  /* Single-year charts: clusters as categories. */
  spec = gf_chart_card_get_spec (gf_test_ui_chart_card (fixture, "land_card"));
  g_assert_cmpuint (spec->n_categories, ==, 6);
  g_assert_cmpuint (spec->n_series, ==, 4);
  g_assert_cmpstr (spec->series[0].name, ==, "Land transferred");
  g_assert_cmpstr (spec->unit, ==, "亩");
  g_assert_cmpstr (spec->subtitle, ==, "By cluster · 2025");
  for (guint c = 0; c < clusters->len; c++)
    g_assert_cmpstr (spec->categories[c], ==,
                     ((GfClusterRecord *) g_ptr_array_index (clusters, c))->name);

  spec = gf_chart_card_get_spec (gf_test_ui_chart_card (fixture, "jobs_card"));
  g_assert_cmpuint (spec->n_series, ==, 1);
  g_assert_cmpstr (spec->unit, ==, "个");
  spec = gf_chart_card_get_spec (gf_test_ui_chart_card (fixture, "markets_card"));
  g_assert_cmpuint (spec->n_series, ==, 2);
  g_assert_cmpstr (spec->unit, ==, "万元");
  spec = gf_chart_card_get_spec (gf_test_ui_chart_card (fixture, "finance_card"));
  g_assert_cmpuint (spec->n_series, ==, 3);

  spec = gf_chart_card_get_spec (gf_test_ui_chart_card (fixture, "ranking_card"));
  g_assert_cmpstr (spec->title, ==, "Clusters ranked by collective operating income");
  g_assert_cmpuint (spec->n_categories, ==, 6);
  g_assert_cmpuint (spec->n_series, ==, 1);
  g_assert_cmpfloat_with_epsilon (gf_chart_spec_value (spec, 0, 2),
                                  expected_value (fixture->db, "coll_operating_income", 2, 2025),
                                  1e-9);
  spec = gf_chart_card_get_spec (gf_test_ui_chart_card (fixture, "shares_card"));
  g_assert_cmpuint (spec->n_categories, ==, 6);
  g_assert_cmpuint (spec->n_series, ==, 1);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_charts_hover (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GfChartView *view = gf_chart_card_get_view (gf_test_ui_chart_card (fixture, "trend_card"));
  GfChartView *ranked = gf_chart_card_get_view (gf_test_ui_chart_card (fixture, "ranking_card"));
  const GfChartLayout *layout;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  guint n_notify = 0;
  double x, y;

  gf_test_ui_spin_until (has_layout, view, 5000, "the trend chart to be laid out");
  layout = gf_chart_view_get_layout (view);
  g_assert_true (layout->has_data);
  g_assert_cmpint (gf_chart_view_get_highlighted (view), ==, -1);

  g_signal_connect (view, "notify::highlighted", G_CALLBACK (count_notify_cb), &n_notify);

  /* The pointer over the band of 2019 highlights it; moving within it notifies nothing. */
  x = gf_chart_layout_category_center (layout, 0, 3);
  y = layout->plot.y + layout->plot.height / 2;
  g_assert_cmpint (gf_chart_view_highlight_at (view, x, y), ==, 3);
  g_assert_cmpint (gf_chart_view_get_highlighted (view), ==, 3);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_cmpint (gf_chart_view_highlight_at (view, x + 1, y + 1), ==, 3);
  g_assert_cmpuint (n_notify, ==, 1);

  /* Drawing with the callout goes through the snapshot. */
  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (view)->snapshot (GTK_WIDGET (view), snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  /* Outside the plot nothing is highlighted. */
  g_assert_cmpint (gf_chart_view_highlight_at (view, -10, -10), ==, -1);
  g_assert_cmpuint (n_notify, ==, 2);

  /* The rows of a ranked chart run down the page. */
  gf_test_ui_spin_until (has_layout, ranked, 5000, "the ranking chart to be laid out");
  layout = gf_chart_view_get_layout (ranked);
  y = gf_chart_layout_category_center (layout, 0, 4);
  g_assert_true (isfinite (y));
  g_assert_cmpint (gf_chart_view_highlight_at (ranked, layout->plot.x + layout->plot.width / 2,
                                               y), ==, 4);

  g_signal_handlers_disconnect_by_data (view, &n_notify);
}

static void
test_charts_enlarge (Fixture       *fixture,
                     gconstpointer  user_data)
{
  GfChartCard *trend = gf_test_ui_chart_card (fixture, "trend_card");
  GfChartCard *large = gf_test_ui_template_child (fixture->page, GF_TYPE_CHARTS_PAGE, "large_card");
  GtkStack *stack = gf_test_ui_template_child (fixture->page, GF_TYPE_CHARTS_PAGE, "stack");
  GtkWidget *back = gf_test_ui_template_child (fixture->page, GF_TYPE_CHARTS_PAGE, "back_button");
  GfChartView *view = gf_chart_card_get_view (large);
  const GfChartLayout *layout;

  g_assert_false (gtk_widget_get_visible (back));
  g_assert_false (gf_chart_view_get_show_titles (gf_chart_card_get_view (trend)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (trend), "chart.enlarge", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "single");
  g_assert_true (gtk_widget_get_visible (back));
  g_assert_true (gf_chart_card_get_large (large));
  g_assert_cmpstr (gf_chart_card_get_spec (large)->title, ==,
                   gf_chart_card_get_spec (trend)->title);

  /* Large, the chart draws its title and source line as exported. */
  gf_test_ui_spin_until (gf_test_ui_is_mapped, view, 5000, "the large chart");
  gf_test_ui_spin_until (has_layout, view, 5000, "the large chart to be laid out");
  layout = gf_chart_view_get_layout (view);
  g_assert_true (gf_chart_view_get_show_titles (view));
  g_assert_true (layout_has_text (layout, GF_CHART_TEXT_TITLE, "Collective operating income"));
  g_assert_true (layout_has_text (layout, GF_CHART_TEXT_SOURCE, "Source: 示例区 database"));
  g_assert_cmpfloat (layout->font_scale, >=, 1.0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "charts.back", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "grid");
  g_assert_false (gtk_widget_get_visible (back));
}

static void
test_charts_table (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GfChartCard *trend = gf_test_ui_chart_card (fixture, "trend_card");
  GtkColumnView *table = gf_chart_card_get_table (trend);
  GtkStack *content = gf_test_ui_template_child (trend, GF_TYPE_CHART_CARD, "content_stack");
  GListModel *columns;
  g_autoptr(GtkColumnViewColumn) first_series = NULL;
  g_autofree char *cell = NULL;
  g_autofree char *digits = NULL;
  double value = expected_value (fixture->db, "coll_operating_income", 0, 2025);
  const char *name = gf_chart_card_get_spec (trend)->series[0].name;
  g_autofree char *header = g_strdup_printf ("%s (万元)", name);
  guint n_notify = 0;

  g_signal_connect (trend, "notify::show-table", G_CALLBACK (count_notify_cb), &n_notify);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (trend), "chart.show-table", NULL));
  g_assert_true (gf_chart_card_get_show_table (trend));
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "table");

  /* A column per cluster after the years, with the unit in the header. */
  columns = gtk_column_view_get_columns (table);
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 7);
  first_series = g_list_model_get_item (columns, 1);
  g_assert_cmpstr (gtk_column_view_column_get_title (first_series), ==, header);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (table))),
                    ==, 10);

  /* The cell of 2025 is the series value, grouped, with the table's decimals. */
  cell = gf_chart_card_format_value (trend, 0, 9);
  digits = g_strdup (cell);
  {
    char *w = digits;

    for (const char *r = cell; *r != '\0'; r++)
      if (*r != ',')
        *w++ = *r;
    *w = '\0';
  }
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (digits, NULL), value, 0.0051);
  g_assert_nonnull (strchr (cell, ','));  /* above a thousand: grouped */

  gf_test_ui_spin_until (gf_test_ui_is_mapped, table, 5000, "the table");
  gf_test_ui_spin_for (100);
  g_assert_true (labels_contain (GTK_WIDGET (table), cell));
  g_assert_true (labels_contain (GTK_WIDGET (table), "2025"));

  gf_chart_card_set_show_table (trend, FALSE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "chart");
  g_assert_cmpuint (n_notify, ==, 2);
  g_signal_handlers_disconnect_by_data (trend, &n_notify);
}

static void
test_charts_missing (void)
{
  static const double values[] = { 1234.5, NAN, -0.25 };
  static const char * const categories[] = { "2023", "2024", "2025" };
  GfChartSeries series = { "源头共富", values, G_N_ELEMENTS (values) };
  GfChartSpec spec = { 0 };
  GfChartCard *card = GF_CHART_CARD (g_object_ref_sink (gf_chart_card_new ()));
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *tsv = NULL;

  spec.kind = GF_CHART_KIND_LINE;
  spec.title = "Test";
  spec.unit = "万元";
  spec.categories = categories;
  spec.n_categories = G_N_ELEMENTS (categories);
  spec.series = &series;
  spec.n_series = 1;
  spec.width = 720;
  spec.height = 405;

  gf_chart_card_set_chart (card, &spec, "Year", "test");
  a = gf_chart_card_format_value (card, 0, 0);
  b = gf_chart_card_format_value (card, 0, 1);
  c = gf_chart_card_format_value (card, 0, 2);
  g_assert_cmpstr (a, ==, "1,234.50");
  g_assert_cmpstr (b, ==, "—");
  g_assert_cmpstr (c, ==, "-0.25");

  /* The clipboard's numbers: raw, ungrouped, an empty cell where a value is missing. */
  tsv = gf_chart_export_tsv (&spec, "Year");
  g_assert_cmpstr (tsv, ==, "Year\t源头共富 (万元)\n2023\t1234.5\n2024\t\n2025\t-0.25\n");

  g_assert_finalize_object (card);
}

static guint32
read_be32 (const guchar *data)
{
  guint32 value;

  memcpy (&value, data, sizeof value);
  return GUINT32_FROM_BE (value);
}

static gboolean
png_size (const char *path,
          guint      *width,
          guint      *height,
          guint      *ppm)
{
  g_autofree guchar *data = NULL;
  gsize length;

  if (!g_file_get_contents (path, (char **) &data, &length, NULL) || length < 33
      || memcmp (data, "\x89PNG\r\n\x1a\n", 8) != 0)
    return FALSE;

  *width = read_be32 (data + 16);
  *height = read_be32 (data + 20);
  *ppm = 0;

  /* Chunks: length, type, data, CRC. */
  for (gsize pos = 8; pos + 12 <= length;)
    {
      guint32 chunk = read_be32 (data + pos);

      if (memcmp (data + pos + 4, "pHYs", 4) == 0 && pos + 16 <= length)
        *ppm = read_be32 (data + pos + 8);
      pos += 12 + chunk;
    }

  return TRUE;
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (gf_chart_export_file_finish (result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
is_true (gpointer flag)
{
  return *(gboolean *) flag;
}

static void
test_charts_export (Fixture       *fixture,
                    gconstpointer  user_data)
{
  GfChartCard *trend = gf_test_ui_chart_card (fixture, "trend_card");
  g_autoptr(GfChartSpec) spec = gf_chart_export_spec (gf_chart_card_get_spec (trend));
  g_autofree char *png = g_build_filename (fixture->dir, "chart.png", NULL);
  g_autofree char *svg = g_build_filename (fixture->dir, "chart.svg", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "chart.pdf", NULL);
  g_autofree char *async_png = g_build_filename (fixture->dir, "async.png", NULL);
  g_autofree char *printed = g_build_filename (fixture->dir, "printed.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  guint width, height, ppm;
  gboolean done = FALSE;

  g_assert_cmpfloat (spec->width, ==, GF_CHART_EXPORT_WIDTH);
  g_assert_cmpfloat (spec->height, ==, GF_CHART_EXPORT_HEIGHT);

  /* PNG: 10 × 5.625 in at 300 dpi, with the resolution in its pHYs chunk. */
  g_assert_true (gf_chart_export_file (spec, GF_CHART_FORMAT_PNG, png, &error));
  g_assert_no_error (error);
  g_assert_true (png_size (png, &width, &height, &ppm));
  g_assert_cmpuint (width, ==, 3000);
  g_assert_cmpuint (height, ==, 1688);
  g_assert_cmpuint (ppm, ==, 11811);

  g_assert_true (gf_chart_export_file (spec, GF_CHART_FORMAT_SVG, svg, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
  g_assert_nonnull (g_strstr_len (contents, MIN (length, 512), "<svg"));
  g_clear_pointer (&contents, g_free);

  /* PDF: the title in its metadata. */
  g_assert_true (gf_chart_export_file (spec, GF_CHART_FORMAT_PDF, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_assert_nonnull (memmem (contents, length, "/Title (Collective operating income)",
                            strlen ("/Title (Collective operating income)")));
  g_clear_pointer (&contents, g_free);

  /* The same through a worker thread. */
  gf_chart_export_file_async (gf_chart_card_get_spec (trend), GF_CHART_FORMAT_PNG, async_png,
                              NULL, NULL, export_done_cb, &done);
  gf_test_ui_spin_until (is_true, &done, 10000, "the export thread");
  g_assert_true (png_size (async_png, &width, &height, &ppm));
  g_assert_cmpuint (width, ==, 3000);

  /* Printing draws the same chart; exported to PDF it needs no printer. */
  g_assert_cmpint (gf_chart_export_print (gf_chart_card_get_spec (trend),
                                          GTK_WINDOW (fixture->window),
                                          GTK_PRINT_OPERATION_ACTION_EXPORT, printed, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (printed, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_assert_cmpuint (length, >, 1000);
}

static void
export_failed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (gf_chart_export_file_finish (result, error));
  g_assert_nonnull (*error);
}

static gboolean
is_set (gpointer pointer_location)
{
  return *(gpointer *) pointer_location != NULL;
}

static GtkFileChooser *
find_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_FILE_CHOOSER (window);
    }

  return NULL;
}

/* Whether @path is a whole PDF: the worker thread may still be writing it. */
static gboolean
pdf_complete (gpointer path)
{
  g_autofree char *contents = NULL;
  gsize length;

  return g_file_get_contents (path, &contents, &length, NULL) && length > 6
         && g_strstr_len (contents + length - MIN (length, 32), MIN (length, 32), "%%EOF");
}

/* Presses Export once the dialog would save to @path, and never before: the file would go
 * elsewhere. The folder changes asynchronously. */
static gboolean
accept_file_chooser (gpointer path)
{
  static gint64 last;
  GtkFileChooser *chooser = find_file_chooser ();

  if (chooser != NULL && g_get_monotonic_time () - last > 200000)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (chooser);
      g_autoptr(GFile) wanted = g_file_new_for_path (path);
      g_autoptr(GFile) folder = g_file_get_parent (wanted);

      last = g_get_monotonic_time ();
      if (chosen != NULL && g_file_equal (chosen, wanted))
        gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
      else
        gtk_file_chooser_set_current_folder (chooser, folder, NULL);
    }

  return pdf_complete (path);
}

static gboolean
has_file_chooser (gpointer data)
{
  return find_file_chooser () != NULL;
}

/* The menu's Export as PDF…: the save dialog (GTK's own here, as portals are off), then the
 * file written by the worker thread. A file that cannot be written gives an error. */
static void
test_charts_export_dialog (Fixture       *fixture,
                           gconstpointer  user_data)
{
  GfChartCard *land = gf_test_ui_chart_card (fixture, "land_card");
  g_autofree char *path = g_build_filename (fixture->dir, "Land use by cluster 2025.pdf", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "missing", "land.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  GtkFileChooser *chooser;
  gsize length;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (land), "chart.export", "s", "pdf"));
  gf_test_ui_spin_until (has_file_chooser, NULL, 5000, "the save dialog");
  chooser = find_file_chooser ();
  g_assert_cmpint (gtk_file_chooser_get_action (chooser), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  name = gtk_file_chooser_get_current_name (chooser);
  g_assert_cmpstr (name, ==, "Land use by cluster 2025.pdf");

  gf_test_ui_spin_until (accept_file_chooser, path, 10000, "the PDF to be written");
  gf_test_ui_spin_for (100);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_assert_nonnull (memmem (contents, length, "/Title (Land use by cluster)",
                            strlen ("/Title (Land use by cluster)")));

  gf_chart_export_file_async (gf_chart_card_get_spec (land), GF_CHART_FORMAT_PNG, bad,
                              NULL, NULL, export_failed_cb, &error);
  gf_test_ui_spin_until (is_set, &error, 10000, "the export to fail");
  g_assert_error (error, GF_CHART_ERROR, GF_CHART_ERROR_IO);
}

static void
test_charts_copy (Fixture       *fixture,
                  gconstpointer  user_data)
{
  GfChartCard *trend = gf_test_ui_chart_card (fixture, "trend_card");
  g_autoptr(GdkContentProvider) provider = NULL;
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (trend));
  GdkContentProvider *content;
  g_auto(GValue) text = G_VALUE_INIT;
  g_auto(GValue) image = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GdkTexture *texture;
  g_autofree char *header = NULL;

  provider = gf_chart_export_content_provider (gf_chart_card_get_spec (trend), "Year");

  g_value_init (&text, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (provider, &text, &error));
  g_assert_no_error (error);
  lines = g_strsplit (g_value_get_string (&text), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 12);  /* header, 10 years, the last newline */
  header = g_strdup_printf ("Year\t%s (万元)", gf_chart_card_get_spec (trend)->series[0].name);
  g_assert_true (g_str_has_prefix (lines[0], header));
  g_assert_true (g_str_has_prefix (lines[1], "2016\t"));

  /* The image is drawn at twice the export size. */
  g_value_init (&image, GDK_TYPE_TEXTURE);
  g_assert_true (gdk_content_provider_get_value (provider, &image, &error));
  g_assert_no_error (error);
  texture = g_value_get_object (&image);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1440);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 810);

  /* The card's Copy puts both on the clipboard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (trend), "chart.copy", NULL));
  content = gdk_clipboard_get_content (clipboard);
  g_assert_nonnull (content);
  g_assert_true (gdk_clipboard_is_local (clipboard));
  g_assert_true (gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard),
                                                    GDK_TYPE_TEXTURE));
  g_assert_true (gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard),
                                                    G_TYPE_STRING));

  /* Let the toast come and the clipboard settle before the window goes. */
  gf_test_ui_spin_for (50);
}

static gboolean
has_no_data (gpointer card)
{
  return !gf_chart_card_get_has_data (card);
}

static void
test_charts_no_data (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GfSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  GfChartCard *ranking = gf_test_ui_chart_card (fixture, "ranking_card");
  GfChartCard *jobs = gf_test_ui_chart_card (fixture, "jobs_card");
  GfChartView *view = gf_chart_card_get_view (ranking);
  const GfChartLayout *layout;
  const char *single_year[] = { "ranking_card", "shares_card", "land_card", "jobs_card",
                                "markets_card", "finance_card" };
  g_autofree char *cell = NULL;

  summary = gf_summary_compute (fixture->db, 2030, &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->year, ==, 2030);

  gf_charts_page_set_summary (fixture->page, summary);
  gf_test_ui_spin_until (has_no_data, ranking, 5000, "the charts of 2030");

  /* The reason, in the card, with the year asked for. */
  g_assert_cmpstr (gf_chart_card_get_spec (ranking)->subtitle, ==, "2030");
  g_assert_null (gf_chart_card_get_slide (ranking));
  for (guint i = 0; i < G_N_ELEMENTS (single_year); i++)
    {
      GfChartCard *card = gf_test_ui_chart_card (fixture, single_year[i]);

      g_assert_false (gf_chart_card_get_has_data (card));
    }

  /* The engine shows the message, never a zero. */
  gf_test_ui_spin_until (has_layout, view, 5000, "the empty chart to be laid out");
  layout = gf_chart_view_get_layout (view);
  g_assert_false (layout->has_data);
  g_assert_cmpint (layout->message_text, >=, 0);
  g_assert_cmpstr (layout->texts[layout->message_text].text, ==, NO_DATA_MESSAGE);
  g_assert_true (layout_has_text (layout, GF_CHART_TEXT_MESSAGE, NO_DATA_MESSAGE));
  g_assert_cmpuint (layout->n_marks, ==, 0);

  cell = gf_chart_card_format_value (jobs, 0, 0);
  g_assert_cmpstr (cell, ==, "—");

  /* The trend charts keep their years. */
  g_assert_true (gf_chart_card_get_has_data (gf_test_ui_chart_card (fixture, "trend_card")));
}

static gboolean
trend_has_series (gpointer data)
{
  gpointer *args = data;
  const GfChartSpec *spec = gf_chart_card_get_spec (args[0]);

  return spec != NULL && spec->n_series == GPOINTER_TO_UINT (args[1]);
}

static void
test_charts_clusters (Fixture       *fixture,
                      gconstpointer  user_data)
{
  GfChartCard *trend = gf_test_ui_chart_card (fixture, "trend_card");
  GtkWidget *box = gf_test_ui_template_child (fixture->page, GF_TYPE_CHARTS_PAGE, "clusters_box");
  GtkMenuButton *button = gf_test_ui_template_child (fixture->page, GF_TYPE_CHARTS_PAGE,
                                                     "clusters_button");
  GtkCheckButton *first = GTK_CHECK_BUTTON (gtk_widget_get_first_child (box));
  gpointer five[] = { trend, GUINT_TO_POINTER (5) };
  gpointer six[] = { trend, GUINT_TO_POINTER (6) };
  gpointer none[] = { trend, GUINT_TO_POINTER (0) };
  const char *first_name = gtk_check_button_get_label (first);
  const GfChartSpec *spec;

  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "All Clusters");
  g_assert_true (gtk_check_button_get_active (first));

  gtk_check_button_set_active (first, FALSE);
  gf_test_ui_spin_until (trend_has_series, five, 5000, "five clusters");
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "5 of 6 Clusters");
  spec = gf_chart_card_get_spec (trend);
  for (guint s = 0; s < spec->n_series; s++)
    g_assert_cmpstr (spec->series[s].name, !=, first_name);
  spec = gf_chart_card_get_spec (gf_test_ui_chart_card (fixture, "ranking_card"));
  g_assert_cmpuint (spec->n_categories, ==, 5);

  /* Without any cluster the charts ask for one. */
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (child), FALSE);
  gf_test_ui_spin_until (trend_has_series, none, 5000, "no cluster");
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "No Clusters");
  g_assert_cmpstr (gf_chart_card_get_spec (trend)->no_data_message, ==,
                   "Choose at least one cluster to compare");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "charts.select-all-clusters", NULL));
  gf_test_ui_spin_until (trend_has_series, six, 5000, "six clusters again");
  g_assert_true (gtk_check_button_get_active (first));
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "All Clusters");
}

static gboolean
trend_title_is (gpointer data)
{
  gpointer *args = data;
  const GfChartSpec *spec = gf_chart_card_get_spec (args[0]);

  return spec != NULL && g_strcmp0 (spec->title, args[1]) == 0;
}

static gboolean
has_five_years (gpointer card)
{
  return gf_chart_card_get_spec (card)->n_categories == 5;
}

static void
test_charts_indicator_and_years (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  GfChartCard *trend = gf_test_ui_chart_card (fixture, "trend_card");
  GfChartCard *growth = gf_test_ui_chart_card (fixture, "growth_card");
  GtkDropDown *indicator = gf_test_ui_find_descendant (GTK_WIDGET (trend), GTK_TYPE_DROP_DOWN);
  GtkDropDown *first_year = gf_test_ui_template_child (fixture->page, GF_TYPE_CHARTS_PAGE,
                                                       "first_year_dropdown");
  GtkDropDown *last_year = gf_test_ui_template_child (fixture->page, GF_TYPE_CHARTS_PAGE,
                                                      "last_year_dropdown");
  GListModel *names;
  gpointer tourism[] = { trend, (gpointer) "Tourism income" };
  guint position = GTK_INVALID_LIST_POSITION;

  g_assert_nonnull (indicator);
  names = gtk_drop_down_get_model (indicator);
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (indicator)),
                   ==, "Collective operating income");
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Tourism income"))
      position = i;
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);

  gtk_drop_down_set_selected (indicator, position);
  gf_test_ui_spin_until (trend_title_is, tourism, 5000, "the tourism trend");
  g_assert_cmpstr (gf_chart_card_get_spec (trend)->unit, ==, "万元");

  /* The range of the trend charts: 2019–2023. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (first_year)), ==, 10);
  gtk_drop_down_set_selected (first_year, 3);
  gtk_drop_down_set_selected (last_year, 7);
  gf_test_ui_spin_until (has_five_years, trend, 5000, "the range 2019–2023");
  g_assert_cmpstr (gf_chart_card_get_spec (trend)->categories[0], ==, "2019");
  g_assert_cmpstr (gf_chart_card_get_spec (trend)->subtitle, ==, "By cluster · 2019–2023");
  /* Growth from the range's first year, which has a year before it. */
  g_assert_cmpstr (gf_chart_card_get_spec (growth)->categories[0], ==, "2019");

  /* A first year after the last moves the last. */
  gtk_drop_down_set_selected (first_year, 8);
  g_assert_cmpuint (gtk_drop_down_get_selected (last_year), ==, 8);
}

static void
test_charts_high_contrast (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.gongfuatlas.Atlas");
  GfChartView *view = gf_chart_card_get_view (gf_test_ui_chart_card (fixture, "land_card"));
  GfChartView *large = gf_chart_card_get_view (gf_test_ui_template_child (fixture->page,
                                                                          GF_TYPE_CHARTS_PAGE,
                                                               "large_card"));

  g_assert_false (gf_chart_view_get_high_contrast (view));
  g_settings_set_boolean (settings, "high-contrast-charts", TRUE);
  g_assert_true (gf_chart_view_get_high_contrast (view));
  g_assert_true (gf_chart_view_get_high_contrast (large));
  gf_test_ui_spin_until (has_layout, view, 5000, "the land chart to be laid out");
  g_assert_true (gf_chart_view_get_layout (view)->high_contrast);

  g_settings_set_boolean (settings, "high-contrast-charts", FALSE);
  g_assert_false (gf_chart_view_get_high_contrast (view));
}

static gboolean
jobs_value_is (gpointer data)
{
  gpointer *args = data;
  const GfChartSpec *spec = gf_chart_card_get_spec (args[0]);

  return fabs (gf_chart_spec_value (spec, 0, 0) - *(double *) args[1]) < 1e-6;
}

static void
test_charts_database_changed (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GPtrArray) clusters = gf_store_list_clusters (fixture->db, NULL);
  g_autoptr(GHashTable) membership = NULL;
  g_autoptr(GPtrArray) indicators = gf_store_list_indicators (fixture->db, NULL);
  g_autoptr(GfVillageValues) values = NULL;
  g_autoptr(GError) error = NULL;
  GfChartCard *jobs = gf_test_ui_chart_card (fixture, "jobs_card");
  gint64 cluster_id = ((GfClusterRecord *) g_ptr_array_index (clusters, 0))->id;
  gint64 indicator_id = 0, village_id = 0, layout_id = 0, source_id = 0;
  double before, old_value = NAN, expected;
  gpointer args[] = { jobs, &expected };
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < indicators->len; i++)
    {
      GfIndicator *indicator = g_ptr_array_index (indicators, i);

      if (g_str_equal (indicator->code, "common_prosperity_jobs"))
        indicator_id = indicator->id;
    }
  g_assert_cmpint (indicator_id, >, 0);

  g_assert_true (gf_store_current_layout (fixture->db, &layout_id, &error));
  membership = gf_store_cluster_membership (fixture->db, layout_id, &error);
  g_assert_no_error (error);
  g_hash_table_iter_init (&iter, membership);
  while (village_id == 0 && g_hash_table_iter_next (&iter, &key, &value))
    if (*(gint64 *) value == cluster_id)
      village_id = *(gint64 *) key;
  g_assert_cmpint (village_id, >, 0);

  values = gf_store_village_values (fixture->db, indicator_id, 2025, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < values->n; i++)
    if (values->village_ids[i] == village_id)
      old_value = values->values[i];
  g_assert_true (isfinite (old_value));

  before = gf_chart_spec_value (gf_chart_card_get_spec (jobs), 0, 0);
  expected = before + 1000;

  /* Committing tells every view that the observations changed. */
  g_assert_true (gf_database_begin (fixture->db, &error));
  g_assert_true (gf_store_create_source (fixture->db, "test", &source_id, &error));
  g_assert_true (gf_store_put_observation (fixture->db, indicator_id, 2025, village_id,
                                           old_value + 1000, source_id, &error));
  g_assert_true (gf_database_commit (fixture->db, "observation", &error));
  g_assert_no_error (error);

  gf_test_ui_spin_until (jobs_value_is, args, 5000, "the jobs chart to follow the change");
}

static void
count_changed_cb (guint *n_changed)
{
  (*n_changed)++;
}

static gboolean
picker_is_loaded (gpointer picker)
{
  return !gf_village_picker_is_loading (picker);
}

static gboolean
stack_shows (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (args[0]), args[1]) == 0;
}

static gboolean
first_series_is (gpointer data)
{
  gpointer *args = data;
  const GfChartSpec *spec = gf_chart_card_get_spec (args[0]);

  return spec != NULL && spec->n_series == GPOINTER_TO_UINT (args[2])
         && g_strcmp0 (spec->series[0].name, args[1]) == 0;
}

/* Finds a village through the picker's search, as the user types it, and ticks it. */
static gint64
choose_village (GfVillagePicker *picker,
                const char      *search,
                const char      *name)
{
  GListModel *model = gf_village_picker_get_model (picker);
  g_autoptr(GfVillageItem) item = NULL;

  gf_village_picker_set_search (picker, search);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  item = g_list_model_get_item (model, 0);
  g_assert_cmpstr (gf_village_item_get_name (item), ==, name);
  g_assert_false (gf_village_item_get_chosen (item));
  g_assert_true (gf_village_picker_set_chosen (picker, gf_village_item_get_id (item), TRUE));
  g_assert_true (gf_village_item_get_chosen (item));

  return gf_village_item_get_id (item);
}

/* Village mode: the picker's search, the cards comparing the chosen villages with their own
 * values (read by hand from data/sample/observations.csv), the limit of twelve, and the choice
 * kept across a switch to clusters and back. */
static void
test_charts_villages (Fixture       *fixture,
                      gconstpointer  user_data)
{
  GtkStack *stack = gf_test_ui_template_child (fixture->page, GF_TYPE_CHARTS_PAGE, "stack");
  GtkToggleButton *villages_toggle = gf_test_ui_template_child (fixture->page,
                                                                GF_TYPE_CHARTS_PAGE,
                                                                "villages_toggle");
  GtkToggleButton *clusters_toggle = gf_test_ui_template_child (fixture->page,
                                                                GF_TYPE_CHARTS_PAGE,
                                                                "clusters_toggle");
  GtkMenuButton *villages_button = gf_test_ui_template_child (fixture->page,
                                                              GF_TYPE_CHARTS_PAGE,
                                                              "villages_button");
  GfVillagePicker *picker = gf_test_ui_template_child (fixture->page, GF_TYPE_CHARTS_PAGE,
                                                       "village_picker");
  GfChartCard *trend = gf_test_ui_chart_card (fixture, "trend_card");
  gpointer no_villages[] = { stack, "no-villages" };
  gpointer grid[] = { stack, "grid" };
  gpointer two[] = { trend, "芦湾社区", GUINT_TO_POINTER (2) };
  gpointer six[] = { trend, GUINT_TO_POINTER (6) };
  GListModel *model = gf_village_picker_get_model (picker);
  g_autoptr(GfVillageItem) item = NULL;
  const GfChartSpec *spec;
  const GfSlide *slide;
  const gint64 *chosen;
  gint64 luwan, deyan;
  guint n = 0, n_chosen;

  /* No village yet: the page says what to do, with the button that opens the picker. */
  gtk_toggle_button_set_active (villages_toggle, TRUE);
  g_assert_cmpint (gf_charts_page_get_subject (fixture->page), ==, GF_CHART_SUBJECT_VILLAGES);
  gf_test_ui_spin_until (stack_shows, no_villages, 5000, "the village empty state");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (villages_button)));
  g_assert_cmpstr (gtk_menu_button_get_label (villages_button), ==, "Choose Villages");

  /* The villages are read in a worker: a spinner turns until they are listed. */
  if (gf_village_picker_is_loading (picker))
    g_assert_true (gtk_widget_get_visible (gf_test_ui_template_child (picker,
                                                                      GF_TYPE_VILLAGE_PICKER,
                                                                      "spinner")));
  gf_test_ui_spin_until (picker_is_loaded, picker, 10000, "the villages of the picker");
  g_assert_false (gtk_widget_get_visible (gf_test_ui_template_child (picker,
                                                                     GF_TYPE_VILLAGE_PICKER,
                                                                     "spinner")));

  /* Every village of the sample, by code; the search matches codes, names and towns. */
  g_assert_cmpuint (gf_village_picker_get_n_villages (picker), ==, 326);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 326);
  item = g_list_model_get_item (model, 0);
  g_assert_cmpstr (gf_village_item_get_code (item), ==, "339901001001");
  g_assert_cmpstr (gf_village_item_get_town (item), ==, "翠屏街道");
  luwan = choose_village (picker, "339901001001", "芦湾社区");
  deyan = choose_village (picker, "德堰", "德堰村");
  gf_village_picker_set_search (picker, "翠屏街道");
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), <, 326);
  gf_village_picker_set_search (picker, NULL);

  chosen = gf_village_picker_get_chosen (picker, &n_chosen);
  g_assert_cmpuint (n_chosen, ==, 2);
  g_assert_cmpint (chosen[0], ==, luwan);
  g_assert_cmpint (chosen[1], ==, deyan);
  g_assert_cmpstr (gtk_menu_button_get_label (villages_button), ==, "2 Villages");

  gf_test_ui_spin_until (first_series_is, two, 5000, "the two villages");
  gf_test_ui_spin_until (stack_shows, grid, 5000, "the charts");

  /* Operating income = business + contract + investment income, per village:
   * 芦湾社区 2016: 18.13 + 41.07 + 4.80 = 64.00, 2025: 28.50 + 56.57 + 6.61 = 91.68;
   * 德堰村 2016: 10.68 + 16.99 + 4.80 = 32.47, 2025: 57.91 + 74.03 + 25.67 = 157.61. */
  spec = gf_chart_card_get_spec (trend);
  g_assert_cmpuint (spec->n_series, ==, 2);
  g_assert_cmpstr (spec->series[0].name, ==, "芦湾社区");
  g_assert_cmpstr (spec->series[1].name, ==, "德堰村");
  g_assert_cmpuint (spec->n_categories, ==, 10);
  g_assert_cmpfloat_with_epsilon (gf_chart_spec_value (spec, 0, 0), 64.00, 1e-6);
  g_assert_cmpfloat_with_epsilon (gf_chart_spec_value (spec, 0, 9), 91.68, 1e-6);
  g_assert_cmpfloat_with_epsilon (gf_chart_spec_value (spec, 1, 0), 32.47, 1e-6);
  g_assert_cmpfloat_with_epsilon (gf_chart_spec_value (spec, 1, 9), 157.61, 1e-6);

  /* Per-capita disposable income, as reported. */
  spec = gf_chart_card_get_spec (gf_test_ui_chart_card (fixture, "income_card"));
  g_assert_cmpuint (spec->n_series, ==, 2);
  g_assert_cmpfloat_with_epsilon (gf_chart_spec_value (spec, 0, 0), 25931, 1e-6);
  g_assert_cmpfloat_with_epsilon (gf_chart_spec_value (spec, 1, 9), 37220, 1e-6);

  /* The ranking and the land chart compare the villages in 2025. */
  spec = gf_chart_card_get_spec (gf_test_ui_chart_card (fixture, "ranking_card"));
  g_assert_cmpstr (spec->title, ==, "Villages ranked by collective operating income");
  g_assert_cmpuint (spec->n_categories, ==, 2);
  g_assert_cmpstr (spec->categories[0], ==, "芦湾社区");
  g_assert_cmpfloat_with_epsilon (gf_chart_spec_value (spec, 0, 1), 157.61, 1e-6);
  spec = gf_chart_card_get_spec (gf_test_ui_chart_card (fixture, "land_card"));
  g_assert_cmpstr (spec->title, ==, "Land use by village");
  g_assert_cmpuint (spec->n_categories, ==, 2);
  g_assert_cmpuint (spec->n_series, ==, 4);
  g_assert_cmpstr (spec->categories[1], ==, "德堰村");

  /* The slide of a card names the villages. */
  slide = gf_chart_card_get_slide (trend);
  g_assert_nonnull (slide);
  g_assert_cmpint (slide->subject, ==, GF_CHART_SUBJECT_VILLAGES);
  g_assert_cmpuint (slide->n_subjects, ==, 2);
  g_assert_cmpint (slide->subject_ids[0], ==, luwan);
  g_assert_cmpint (slide->subject_ids[1], ==, deyan);

  /* Clusters and back: the choice stays. */
  gtk_toggle_button_set_active (clusters_toggle, TRUE);
  gf_test_ui_spin_until (trend_has_series, six, 5000, "the clusters again");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (villages_button)));
  gtk_toggle_button_set_active (villages_toggle, TRUE);
  gf_test_ui_spin_until (first_series_is, two, 5000, "the same two villages");

  /* Twelve at most: the thirteenth is refused, with a message. */
  for (guint i = 0; i < g_list_model_get_n_items (model) && n < GF_VILLAGE_PICKER_MAX - 2; i++)
    {
      g_autoptr(GfVillageItem) other = g_list_model_get_item (model, i);

      if (!gf_village_item_get_chosen (other))
        {
          g_assert_true (gf_village_picker_set_chosen (picker, gf_village_item_get_id (other),
                                                       TRUE));
          n++;
        }
    }
  gf_village_picker_get_chosen (picker, &n_chosen);
  g_assert_cmpuint (n_chosen, ==, 12);
  g_assert_null (gf_village_picker_get_message (picker));
  g_clear_object (&item);
  item = g_list_model_get_item (model, 200);
  g_assert_false (gf_village_item_get_chosen (item));
  g_assert_false (gf_village_picker_set_chosen (picker, gf_village_item_get_id (item), TRUE));
  g_assert_false (gf_village_item_get_chosen (item));
  g_assert_cmpstr (gf_village_picker_get_message (picker), ==,
                   "At most 12 villages can be compared: leave one out to choose another");
  gf_village_picker_get_chosen (picker, &n_chosen);
  g_assert_cmpuint (n_chosen, ==, 12);

  /* Clear: back to the empty state. */
  gf_village_picker_clear (picker);
  gf_village_picker_get_chosen (picker, &n_chosen);
  g_assert_cmpuint (n_chosen, ==, 0);
  g_assert_null (gf_village_picker_get_message (picker));
  gf_test_ui_spin_until (stack_shows, no_villages, 5000, "the village empty state again");
}

static gboolean
view_is (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (adw_view_stack_get_visible_child_name (args[0]), args[1]) == 0;
}

/* win.show-on-charts, as the map's "Show on Charts" activates it: one cluster, then one
 * village. */
static void
test_charts_show_on_charts (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GPtrArray) clusters = gf_store_list_clusters (fixture->db, NULL);
  AdwViewStack *views = gf_test_ui_template_child (fixture->window, GF_TYPE_WINDOW,
                                                   "view_stack");
  GtkMenuButton *clusters_button = gf_test_ui_template_child (fixture->page,
                                                              GF_TYPE_CHARTS_PAGE,
                                                              "clusters_button");
  GfVillagePicker *picker = gf_test_ui_template_child (fixture->page, GF_TYPE_CHARTS_PAGE,
                                                       "village_picker");
  GfChartCard *trend = gf_test_ui_chart_card (fixture, "trend_card");
  const GfClusterRecord *cluster = g_ptr_array_index (clusters, 1);
  gpointer charts[] = { views, "charts" };
  gpointer one_cluster[] = { trend, cluster->name, GUINT_TO_POINTER (1) };
  gpointer one_village[] = { trend, "德堰村", GUINT_TO_POINTER (1) };
  g_autoptr(GError) error = NULL;
  const gint64 *chosen;
  gint64 village_id = 0;
  guint n_chosen;

  g_assert_true (gf_store_lookup_id (fixture->db, "village", "code", "339901102204",
                                     &village_id, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s",
                                             "records"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-on-charts",
                                             "(sx)", "cluster", cluster->id));
  gf_test_ui_spin_until (view_is, charts, 5000, "the charts view");
  gf_test_ui_spin_until (first_series_is, one_cluster, 5000, "the one cluster");
  g_assert_cmpint (gf_charts_page_get_subject (fixture->page), ==, GF_CHART_SUBJECT_CLUSTERS);
  g_assert_cmpstr (gtk_menu_button_get_label (clusters_button), ==, "1 of 6 Clusters");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s",
                                             "records"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-on-charts",
                                             "(sx)", "village", village_id));
  gf_test_ui_spin_until (view_is, charts, 5000, "the charts view again");
  gf_test_ui_spin_until (first_series_is, one_village, 5000, "the village");
  g_assert_cmpint (gf_charts_page_get_subject (fixture->page), ==, GF_CHART_SUBJECT_VILLAGES);
  chosen = gf_village_picker_get_chosen (picker, &n_chosen);
  g_assert_cmpuint (n_chosen, ==, 1);
  g_assert_cmpint (chosen[0], ==, village_id);

  /* An unknown village changes nothing. */
  g_assert_false (gf_charts_page_compare (fixture->page, GF_CHART_SUBJECT_VILLAGES, -5));
  gf_village_picker_get_chosen (picker, &n_chosen);
  g_assert_cmpuint (n_chosen, ==, 1);
}

/* The picker reads the villages in a worker, with a spinner meanwhile. Villages chosen while
 * it loads are chosen by id: the one the database has stays chosen, the unknown one is
 * dropped once the list is there, with #GfVillagePicker::changed. */
static void
test_charts_picker_loading (Fixture       *fixture,
                            gconstpointer  user_data)
{
  GfVillagePicker *picker = g_object_ref_sink (GF_VILLAGE_PICKER (gf_village_picker_new ()));
  GtkWidget *spinner = gf_test_ui_template_child (picker, GF_TYPE_VILLAGE_PICKER, "spinner");
  g_autoptr(GError) error = NULL;
  g_autoptr(GfVillageItem) item = NULL;
  const gint64 *chosen;
  gint64 deyan = 0;
  guint n_changed = 0, n_chosen;

  g_assert_true (gf_store_lookup_id (fixture->db, "village", "code", "339901102204", &deyan,
                                     &error));
  g_assert_no_error (error);
  g_signal_connect_swapped (picker, "changed", G_CALLBACK (count_changed_cb), &n_changed);

  g_assert_false (gtk_widget_get_visible (spinner));
  g_assert_true (gf_village_picker_load (picker, fixture->db, &error));
  g_assert_no_error (error);
  g_assert_true (gf_village_picker_is_loading (picker));
  g_assert_true (gtk_widget_get_visible (spinner));
  g_assert_cmpuint (gf_village_picker_get_n_villages (picker), ==, 0);

  g_assert_true (gf_village_picker_set_chosen (picker, deyan, TRUE));
  g_assert_true (gf_village_picker_set_chosen (picker, 999999, TRUE));
  g_assert_false (gf_village_picker_set_chosen (picker, -5, TRUE));
  chosen = gf_village_picker_get_chosen (picker, &n_chosen);
  g_assert_cmpuint (n_chosen, ==, 2);
  g_assert_cmpint (chosen[0], ==, deyan);
  g_assert_cmpint (chosen[1], ==, 999999);
  g_assert_cmpuint (n_changed, ==, 2);

  gf_test_ui_spin_until (picker_is_loaded, picker, 10000, "the villages of the picker");
  g_assert_false (gtk_widget_get_visible (spinner));
  g_assert_cmpuint (gf_village_picker_get_n_villages (picker), ==, 326);
  chosen = gf_village_picker_get_chosen (picker, &n_chosen);
  g_assert_cmpuint (n_chosen, ==, 1);
  g_assert_cmpint (chosen[0], ==, deyan);
  g_assert_cmpuint (n_changed, ==, 3);

  /* The item of 德堰村 shows it chosen. */
  gf_village_picker_set_search (picker, "339901102204");
  g_assert_cmpuint (g_list_model_get_n_items (gf_village_picker_get_model (picker)), ==, 1);
  item = g_list_model_get_item (gf_village_picker_get_model (picker), 0);
  g_assert_cmpstr (gf_village_item_get_name (item), ==, "德堰村");
  g_assert_true (gf_village_item_get_chosen (item));

  g_clear_object (&item);
  g_object_unref (picker);
}

int
main (int   argc,
      char *argv[])
{
  gf_test_ui_init (&argc, &argv);

  g_test_add ("/ui/charts/cards", Fixture, NULL,
              gf_test_ui_charts_set_up, test_charts_cards, gf_test_ui_charts_tear_down);
  g_test_add ("/ui/charts/hover", Fixture, NULL,
              gf_test_ui_charts_set_up, test_charts_hover, gf_test_ui_charts_tear_down);
  g_test_add ("/ui/charts/enlarge", Fixture, NULL,
              gf_test_ui_charts_set_up, test_charts_enlarge, gf_test_ui_charts_tear_down);
  g_test_add ("/ui/charts/table", Fixture, NULL,
              gf_test_ui_charts_set_up, test_charts_table, gf_test_ui_charts_tear_down);
  g_test_add_func ("/ui/charts/missing", test_charts_missing);
  g_test_add ("/ui/charts/export", Fixture, NULL,
              gf_test_ui_charts_set_up, test_charts_export, gf_test_ui_charts_tear_down);
  g_test_add ("/ui/charts/export-dialog", Fixture, NULL,
              gf_test_ui_charts_set_up, test_charts_export_dialog, gf_test_ui_charts_tear_down);
  g_test_add ("/ui/charts/copy", Fixture, NULL,
              gf_test_ui_charts_set_up, test_charts_copy, gf_test_ui_charts_tear_down);
  g_test_add ("/ui/charts/no-data", Fixture, NULL,
              gf_test_ui_charts_set_up, test_charts_no_data, gf_test_ui_charts_tear_down);
  g_test_add ("/ui/charts/clusters", Fixture, NULL,
              gf_test_ui_charts_set_up, test_charts_clusters, gf_test_ui_charts_tear_down);
  g_test_add ("/ui/charts/indicator-and-years", Fixture, NULL, gf_test_ui_charts_set_up,
              test_charts_indicator_and_years, gf_test_ui_charts_tear_down);
  g_test_add ("/ui/charts/high-contrast", Fixture, NULL,
              gf_test_ui_charts_set_up, test_charts_high_contrast, gf_test_ui_charts_tear_down);
  g_test_add ("/ui/charts/database-changed", Fixture, NULL,
              gf_test_ui_charts_set_up, test_charts_database_changed, gf_test_ui_charts_tear_down);
  g_test_add ("/ui/charts/villages", Fixture, NULL,
              gf_test_ui_charts_set_up, test_charts_villages, gf_test_ui_charts_tear_down);
  g_test_add ("/ui/charts/picker-loading", Fixture, NULL,
              gf_test_ui_charts_set_up, test_charts_picker_loading, gf_test_ui_charts_tear_down);
  g_test_add ("/ui/charts/show-on-charts", Fixture, NULL,
              gf_test_ui_charts_set_up, test_charts_show_on_charts, gf_test_ui_charts_tear_down);

  return g_test_run ();
}
