/* gf-chart-export.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Getting a chart out of the application: PNG (300 dpi), SVG and PDF files written by the core
 * exporters in a GTask thread, the clipboard (an image and the numbers as tab-separated text)
 * and printing. Every path draws with the same gf_chart_render() as the screen, on a copy of the
 * spec at a fixed slide size, so that a file looks the same whatever the window's size was.
 */

#define G_LOG_DOMAIN "gf-chart-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "gf-chart-export.h"
#include "gf-chart-render.h"
#include "gf-window.h"

typedef struct
{
  GfChartSpec   *spec;
  GfChartFormat  format;
  char          *path;

  /* The widget that asked for a file, if it still exists */
  GtkWidget     *widget;
} ExportData;

static const char * const mime_types[] = {
  [GF_CHART_FORMAT_PNG] = "image/png",
  [GF_CHART_FORMAT_SVG] = "image/svg+xml",
  [GF_CHART_FORMAT_PDF] = "application/pdf",
};

/* The folder of the last export, offered again by the next one. */
static GFile *last_folder;
/* The printer and paper chosen last, offered again by the next print. */
static GtkPrintSettings *print_settings;
static GtkPageSetup *page_setup;

static void
export_data_free (ExportData *data)
{
  g_clear_pointer (&data->spec, gf_chart_spec_free);
  g_clear_pointer (&data->path, g_free);
  g_clear_weak_pointer (&data->widget);
  g_free (data);
}

static const char *
format_filter_name (GfChartFormat format)
{
  switch (format)
    {
    case GF_CHART_FORMAT_SVG:
      return _("SVG images");

    case GF_CHART_FORMAT_PDF:
      return _("PDF documents");

    case GF_CHART_FORMAT_PNG:
    default:
      return _("PNG images");
    }
}

static const char *
format_dialog_title (GfChartFormat format)
{
  switch (format)
    {
    case GF_CHART_FORMAT_SVG:
      return _("Export Chart as SVG");

    case GF_CHART_FORMAT_PDF:
      return _("Export Chart as PDF");

    case GF_CHART_FORMAT_PNG:
    default:
      return _("Export Chart as PNG");
    }
}

static void
show_error (GtkWidget  *widget,
            const char *heading,
            const char *body)
{
  GtkWidget *window = gtk_widget_get_ancestor (widget, GF_TYPE_WINDOW);
  GtkRoot *root;
  GtkWidget *dialog;

  if (window != NULL)
    {
      gf_window_show_error (GF_WINDOW (window), heading, body);
      return;
    }

  root = gtk_widget_get_root (widget);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_toast (GtkWidget  *widget,
            const char *title)
{
  GtkWidget *window = gtk_widget_get_ancestor (widget, GF_TYPE_WINDOW);

  if (window != NULL)
    gf_window_add_toast (GF_WINDOW (window), title);
  else
    g_message ("%s", title);
}

/* Replaces what file systems refuse in a name. */
static char *
file_name_from (const char    *stem,
                GfChartFormat  format)
{
  g_autoptr(GString) name = g_string_new (NULL);

  for (const char *p = stem != NULL && *stem != '\0' ? stem : "chart"; *p != '\0';
       p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || strchr ("/\\:*?\"<>|", (int) c) != NULL)
        g_string_append_c (name, '-');
      else
        g_string_append_unichar (name, c);
    }

  g_string_append_printf (name, ".%s", gf_chart_format_get_extension (format));

  return g_string_free (g_steal_pointer (&name), FALSE);
}

static void
append_tsv_field (GString    *line,
                  const char *text)
{
  /* Tabs and line breaks would split the cell. */
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    g_string_append_c (line, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
}

/* Threads */

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!gf_chart_export_file (data->spec, data->format, data->path, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Callbacks */

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GtkWidget *widget = source != NULL ? GTK_WIDGET (source) : NULL;
  g_autoptr(GError) error = NULL;
  ExportData *data = g_task_get_task_data (G_TASK (result));

  if (!gf_chart_export_file_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || widget == NULL)
        return;

      g_message ("Could not export %s: %s", data->path, error->message);
      if (gtk_widget_get_root (widget) != NULL)
        show_error (widget, _("Could not export the chart"), error->message);
    }
  else
    {
      g_autofree char *basename = g_path_get_basename (data->path);
      g_autofree char *display = g_filename_display_name (basename);
      g_autofree char *message = NULL;

      /* Translators: %s is a file name */
      message = g_strdup_printf (_("Chart saved as “%s”"), display);
      if (widget != NULL && gtk_widget_get_root (widget) != NULL)
        show_toast (widget, message);
    }
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  ExportData *data = user_data;
  GtkWidget *widget = data->widget;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL && widget != NULL)
    {
      g_autofree char *path = g_file_get_path (file);

      g_clear_object (&last_folder);
      last_folder = g_file_get_parent (file);

      if (path == NULL)
        show_error (widget, _("Could not export the chart"),
                    _("Only files on this computer can be written"));
      else
        gf_chart_export_file_async (data->spec, data->format, path, widget, NULL,
                                    export_done_cb, NULL);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
print_draw_page_cb (GtkPrintOperation *operation,
                    GtkPrintContext   *context,
                    int                page_nr,
                    GfChartSpec       *spec)
{
  g_autoptr(GfChartLayout) layout = NULL;
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double page_width = gtk_print_context_get_width (context);
  double page_height = gtk_print_context_get_height (context);
  double scale;

  /* The chart keeps its slide proportions, fills the printable width (or height) and sits in
   * the middle of the page. */
  scale = MIN (page_width / spec->width, page_height / spec->height);
  if (!isfinite (scale) || scale <= 0)
    return;

  layout = gf_chart_layout_compute (spec, NULL);

  cairo_save (cr);
  cairo_translate (cr, (page_width - spec->width * scale) / 2,
                   (page_height - spec->height * scale) / 2);
  cairo_scale (cr, scale, scale);
  gf_chart_render (layout, spec, cr);
  cairo_restore (cr);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               GtkWidget               *widget)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      g_message ("Could not print: %s", error != NULL ? error->message : "?");
      if (widget != NULL && gtk_widget_get_root (widget) != NULL)
        show_error (widget, _("Could not print the chart"),
                    error != NULL ? error->message : "");
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_set_object (&print_settings, gtk_print_operation_get_print_settings (operation));
    }
}

/* Public API */

/**
 * gf_chart_export_spec:
 * @spec: a spec, e.g. the one a #GfChartView shows
 *
 * Returns: (transfer full): a copy of @spec at the export size (720 × 405 pt), with every
 *   memory of its own, to hand to another thread
 */
GfChartSpec *
gf_chart_export_spec (const GfChartSpec *spec)
{
  GfChartSpec *copy;

  g_return_val_if_fail (spec != NULL, NULL);

  copy = gf_chart_spec_copy (spec);
  copy->width = GF_CHART_EXPORT_WIDTH;
  copy->height = GF_CHART_EXPORT_HEIGHT;
  copy->font_scale = 1;
  copy->transparent = FALSE;

  return copy;
}

/**
 * gf_chart_export_file:
 * @spec: what to draw, at its own size in points (see gf_chart_export_spec())
 * @format: the file format
 * @path: (type filename): the file to write
 *
 * Writes the chart synchronously with gf_chart_write_file(), a PNG at 300 dpi. Safe to call
 * from any thread.
 *
 * Returns: %TRUE on success
 */
gboolean
gf_chart_export_file (const GfChartSpec  *spec,
                      GfChartFormat       format,
                      const char         *path,
                      GError            **error)
{
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return gf_chart_write_file (spec, format, GF_CHART_EXPORT_DPI, path, error);
}

/**
 * gf_chart_export_file_async:
 * @spec: what to draw; a copy at the export size is taken
 * @format: the file format
 * @path: (type filename): the file to write
 * @source_object: (nullable): the object asking, kept alive until @callback runs
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context when the file is written
 * @user_data: data for @callback
 *
 * Writes the chart in a worker thread (a 300 dpi PNG takes a few hundred milliseconds).
 */
void
gf_chart_export_file_async (const GfChartSpec   *spec,
                            GfChartFormat        format,
                            const char          *path,
                            gpointer             source_object,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (spec != NULL);
  g_return_if_fail (path != NULL);

  data = g_new0 (ExportData, 1);
  data->spec = gf_chart_export_spec (spec);
  data->format = format;
  data->path = g_strdup (path);

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, gf_chart_export_file_async);
  g_task_set_name (task, "[gf] export chart");
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
gf_chart_export_file_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gf_chart_export_file_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * gf_chart_export_choose_file:
 * @widget: the widget asking, inside a window
 * @spec: what to export; a copy is taken
 * @format: the file format
 * @file_stem: (nullable): the suggested file name, without extension
 *
 * Asks where to save the chart with a native save dialog, writes it in a worker thread and
 * tells the result in a toast, or in an error dialog.
 */
void
gf_chart_export_choose_file (GtkWidget         *widget,
                             const GfChartSpec *spec,
                             GfChartFormat      format,
                             const char        *file_stem)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  GtkRoot *root;
  ExportData *data;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (spec != NULL);
  g_return_if_fail (format <= GF_CHART_FORMAT_PDF);

  root = gtk_widget_get_root (widget);
  chooser = gtk_file_chooser_native_new (format_dialog_title (format),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (filter, format_filter_name (format));
  gtk_file_filter_add_mime_type (filter, mime_types[format]);
  gtk_file_filter_add_suffix (filter, gf_chart_format_get_extension (format));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  name = file_name_from (file_stem != NULL ? file_stem : spec->title, format);
  if (last_folder == NULL)
    {
      /* The first export goes to the documents, not wherever the program was started. */
      const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

      if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
        last_folder = g_file_new_for_path (documents);
      else
        last_folder = g_file_new_for_path (g_get_home_dir ());
    }
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), last_folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  data = g_new0 (ExportData, 1);
  data->spec = gf_chart_export_spec (spec);
  data->format = format;
  /* The dialog may outlive the card (a window closed meanwhile): a weak pointer. */
  g_set_weak_pointer (&data->widget, widget);
  g_object_set_data_full (G_OBJECT (chooser), "gf-export", data,
                          (GDestroyNotify) export_data_free);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), data);

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * gf_chart_export_column_title:
 * @spec: a spec
 * @series: a series index
 *
 * Returns: (transfer full): the series name with the unit of the values, e.g. "源头共富 (万元)"
 */
char *
gf_chart_export_column_title (const GfChartSpec *spec,
                              guint              series)
{
  const char *name;
  const char *unit;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (series < spec->n_series, NULL);

  name = spec->series[series].name != NULL ? spec->series[series].name : "";
  unit = spec->kind == GF_CHART_KIND_GROWTH_BAR ? "%" : spec->unit;

  if (unit == NULL || *unit == '\0')
    return g_strdup (name);

  /* Translators: a table column header, a series name and its unit, e.g. "Loans (万元)" */
  return g_strdup_printf (_("%s (%s)"), name, unit);
}

/**
 * gf_chart_export_tsv:
 * @spec: a spec
 * @category_header: (nullable): the header of the first column, e.g. "Year"
 *
 * The numbers of @spec as tab-separated text for a spreadsheet: one row per category, one
 * column per series, the raw values in the unit of the spec with a point before the decimals
 * and no grouping; a missing value is an empty cell.
 *
 * Returns: (transfer full): the text
 */
char *
gf_chart_export_tsv (const GfChartSpec *spec,
                     const char        *category_header)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (spec != NULL, NULL);

  append_tsv_field (text, category_header);
  for (guint s = 0; s < spec->n_series; s++)
    {
      g_autofree char *title = gf_chart_export_column_title (spec, s);

      g_string_append_c (text, '\t');
      append_tsv_field (text, title);
    }
  g_string_append_c (text, '\n');

  for (guint c = 0; c < spec->n_categories; c++)
    {
      append_tsv_field (text, spec->categories != NULL ? spec->categories[c] : NULL);
      for (guint s = 0; s < spec->n_series; s++)
        {
          double value = gf_chart_spec_value (spec, s, c);

          g_string_append_c (text, '\t');
          if (isfinite (value))
            {
              char buffer[G_ASCII_DTOSTR_BUF_SIZE];

              g_string_append (text, g_ascii_formatd (buffer, sizeof buffer, "%.10g", value));
            }
        }
      g_string_append_c (text, '\n');
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * gf_chart_export_texture:
 * @spec: a spec
 * @scale: pixels per point, e.g. 2 for a sharp image on a high-resolution screen
 *
 * Draws the chart at the export size (720 × 405 pt) times @scale on the calling thread.
 *
 * Returns: (transfer full) (nullable): the image, or %NULL if cairo failed
 */
GdkTexture *
gf_chart_export_texture (const GfChartSpec *spec,
                         double             scale)
{
  g_autoptr(GfChartSpec) copy = NULL;
  g_autoptr(GfChartLayout) layout = NULL;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  int width, height, stride;
  GdkTexture *texture = NULL;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (scale > 0 && scale <= 8, NULL);

  copy = gf_chart_export_spec (spec);
  width = (int) ceil (copy->width * scale);
  height = (int) ceil (copy->height * scale);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  layout = gf_chart_layout_compute (copy, NULL);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  gf_chart_render (layout, copy, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
    {
      stride = cairo_image_surface_get_stride (surface);
      bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * height);
      /* GDK_MEMORY_DEFAULT is cairo's ARGB32 in native byte order. */
      texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
    }
  cairo_surface_destroy (surface);

  return texture;
}

/**
 * gf_chart_export_content_provider:
 * @spec: a spec
 * @category_header: (nullable): the header of the first column of the numbers
 *
 * Returns: (transfer full): clipboard content with the chart as an image (2× the export size)
 *   and its numbers as tab-separated text, so that a word processor pastes the picture and a
 *   spreadsheet the table
 */
GdkContentProvider *
gf_chart_export_content_provider (const GfChartSpec *spec,
                                  const char        *category_header)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *tsv = NULL;
  GdkContentProvider *providers[2];
  guint n = 0;

  g_return_val_if_fail (spec != NULL, NULL);

  texture = gf_chart_export_texture (spec, 2);
  tsv = gf_chart_export_tsv (spec, category_header);

  if (texture != NULL)
    providers[n++] = gdk_content_provider_new_typed (GDK_TYPE_TEXTURE, texture);
  providers[n++] = gdk_content_provider_new_typed (G_TYPE_STRING, tsv);

  return gdk_content_provider_new_union (providers, n);
}

/**
 * gf_chart_export_copy:
 * @widget: the widget asking, whose clipboard is used
 * @spec: what to copy
 * @category_header: (nullable): the header of the first column of the numbers
 *
 * Puts the chart and its numbers on the clipboard and says so in a toast.
 */
void
gf_chart_export_copy (GtkWidget         *widget,
                      const GfChartSpec *spec,
                      const char        *category_header)
{
  g_autoptr(GdkContentProvider) provider = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (spec != NULL);

  provider = gf_chart_export_content_provider (spec, category_header);
  if (!gdk_clipboard_set_content (gtk_widget_get_clipboard (widget), provider))
    {
      show_error (widget, _("Could not copy the chart"),
                  _("The clipboard refused the image"));
      return;
    }

  show_toast (widget, _("Chart copied with its numbers"));
}

/**
 * gf_chart_export_print:
 * @spec: what to print; a copy is taken
 * @parent: (nullable): the window of the print dialog
 * @action: %GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG to ask, or
 *   %GTK_PRINT_OPERATION_ACTION_EXPORT to write @export_path as PDF synchronously
 * @export_path: (nullable) (type filename): the PDF for %GTK_PRINT_OPERATION_ACTION_EXPORT
 *
 * Prints the chart on one landscape page, scaled to the printable width. The page is drawn by
 * the same gf_chart_render() as the screen and the exports.
 *
 * Returns: the result of gtk_print_operation_run(); with the dialog it is usually
 *   %GTK_PRINT_OPERATION_RESULT_IN_PROGRESS, errors are then shown in a dialog
 */
GtkPrintOperationResult
gf_chart_export_print (const GfChartSpec        *spec,
                       GtkWindow                *parent,
                       GtkPrintOperationAction   action,
                       const char               *export_path,
                       GError                  **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  GfChartSpec *copy;

  g_return_val_if_fail (spec != NULL, GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent),
                        GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (action != GTK_PRINT_OPERATION_ACTION_EXPORT || export_path != NULL,
                        GTK_PRINT_OPERATION_RESULT_ERROR);

  if (page_setup == NULL)
    {
      page_setup = gtk_page_setup_new ();
      gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
    }

  copy = gf_chart_export_spec (spec);
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (operation, page_setup);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (print_settings != NULL)
    gtk_print_operation_set_print_settings (operation, print_settings);
  if (copy->title != NULL)
    gtk_print_operation_set_job_name (operation, copy->title);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);
  gtk_print_operation_set_allow_async (operation, action != GTK_PRINT_OPERATION_ACTION_EXPORT);

  g_signal_connect_data (operation, "draw-page", G_CALLBACK (print_draw_page_cb), copy,
                         (GClosureNotify) gf_chart_spec_free, 0);
  if (parent != NULL)
    {
      g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), parent, 0);
    }
  else
    g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), NULL);

  return gtk_print_operation_run (operation, action, parent, error);
}

/**
 * gf_chart_export_print_dialog:
 * @widget: the widget that asks, for the window of the dialog
 *
 * Opens the print dialog for @spec (see gf_chart_export_print()).
 */
void
gf_chart_export_print_dialog (GtkWidget         *widget,
                              const GfChartSpec *spec)
{
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (gf_chart_export_print (spec, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                             GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    g_message ("Could not print: %s", error != NULL ? error->message : "?");
}
