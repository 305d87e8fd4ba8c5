/* gf-window-actions.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's actions: new and open a database, import and export files, load the sample
 * district, switch views. Imports, exports and the sample run in a GTask thread on a
 * connection of their own; the window's connection then tells every view that data changed.
 */

#define G_LOG_DOMAIN "gf-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "gf-briefings-dialog.h"
#include "gf-charts-page.h"
#include "gf-export.h"
#include "gf-import-dialog.h"
#include "gf-sample.h"
#include "gf-window-private.h"

typedef struct
{
  GfWindowTask   task;
  char          *database_path;
  GfImportKind   kind;
  GFile         *file;
  GfImportFlags  flags;
  guint          n_rows;

  /* Worker thread only */
  GfWindow      *window;          /* the task's source object keeps it alive */
  GCancellable  *cancellable;
  double         last_posted;
} TaskData;

typedef struct
{
  GfWindow     *window;
  GCancellable *cancellable;
  double        fraction;
} ProgressUpdate;

static void
task_data_free (TaskData *data)
{
  g_clear_pointer (&data->database_path, g_free);
  g_clear_object (&data->file);
  g_clear_object (&data->cancellable);
  g_free (data);
}

static void
progress_update_free (ProgressUpdate *update)
{
  g_clear_object (&update->window);
  g_clear_object (&update->cancellable);
  g_free (update);
}

static void
set_progress (GfWindow *self,
              double    fraction)
{
  gtk_progress_bar_set_fraction (self->task_progress, fraction);
  gtk_progress_bar_set_fraction (self->sample_progress, fraction);
}

/* Runs on the main thread; updates only for the task still running. */
static gboolean
progress_update_cb (gpointer user_data)
{
  ProgressUpdate *update = user_data;

  if (update->window->task_cancellable == update->cancellable
      && !g_cancellable_is_cancelled (update->cancellable))
    set_progress (update->window, update->fraction);

  return G_SOURCE_REMOVE;
}

/* Runs on the worker thread: hands the fraction to the main thread, at most once a percent. */
static void
task_progress_cb (double   fraction,
                  gpointer user_data)
{
  TaskData *data = user_data;
  ProgressUpdate *update;

  if (fraction - data->last_posted < 0.01 && fraction < 1.0)
    return;

  data->last_posted = fraction;
  update = g_new0 (ProgressUpdate, 1);
  update->window = g_object_ref (data->window);
  update->cancellable = g_object_ref (data->cancellable);
  update->fraction = CLAMP (fraction, 0.0, 1.0);
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, progress_update_cb, update,
                              (GDestroyNotify) progress_update_free);
}

static void
run_task_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(GfDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  /* The window's connection checked the file when it opened it. */
  GfDatabaseOpenFlags flags = GF_DATABASE_OPEN_EXISTING | GF_DATABASE_OPEN_CHECKED;
  gboolean ok = FALSE;

  /* SQLite connections stay on the thread that uses them: this one is the worker's. */
  if (data->task == GF_WINDOW_TASK_EXPORT)
    flags |= GF_DATABASE_OPEN_READ_ONLY;

  database = gf_database_open (data->database_path, flags, &error);
  if (database == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  switch (data->task)
    {
    case GF_WINDOW_TASK_SAMPLE:
      ok = gf_sample_load (database, task_progress_cb, data, cancellable, &error);
      break;

    case GF_WINDOW_TASK_IMPORT:
      ok = gf_import_file (database, data->kind, data->file, data->flags, &data->n_rows,
                           task_progress_cb, data, cancellable, &error);
      break;

    case GF_WINDOW_TASK_EXPORT:
      ok = gf_export_file (database, data->kind, data->file, cancellable, &error);
      break;

    case GF_WINDOW_TASK_NONE:
    default:
      g_assert_not_reached ();
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static char *
dup_file_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename);
}

static void
task_finished_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GfWindow *self = GF_WINDOW (source_object);
  TaskData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = data->file != NULL ? dup_file_name (data->file) : NULL;
  g_autofree char *message = NULL;
  gboolean same_database;
  gboolean cancelled;

  g_task_propagate_boolean (G_TASK (result), &error);

  /* The window was closed while the work ran: nobody is left to tell. */
  if (self->main_stack == NULL)
    return;

  cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* A newer task may have replaced this one after a cancel; leave its state alone. */
  if (self->task_cancellable == data->cancellable)
    {
      g_clear_object (&self->task_cancellable);
      self->task = GF_WINDOW_TASK_NONE;
      gtk_revealer_set_reveal_child (self->task_revealer, FALSE);
    }

  same_database = self->database != NULL
                  && g_strcmp0 (gf_database_get_path (self->database), data->database_path) == 0;

  switch (data->task)
    {
    case GF_WINDOW_TASK_SAMPLE:
      if (error == NULL)
        {
          if (same_database)
            gf_database_emit_changed (self->database, "*");
          gtk_stack_set_visible_child_name (self->main_stack, "views");
          gf_window_add_toast (self, _("The sample district is loaded"));
        }
      else
        {
          if (same_database)
            gtk_stack_set_visible_child_name (self->main_stack, "welcome");
          if (cancelled)
            gf_window_add_toast (self, _("Loading the sample district was cancelled"));
          else
            gf_window_show_error (self, _("Could not load the sample district"), error->message);
        }
      break;

    case GF_WINDOW_TASK_IMPORT:
      if (error == NULL)
        {
          if (same_database)
            gf_database_emit_changed (self->database, "*");
          /* Translators: %u is a number of rows, %s a file name */
          message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "Imported %u row from “%s”",
                                                  "Imported %u rows from “%s”",
                                                  data->n_rows),
                                     data->n_rows, name);
          gf_window_add_toast (self, message);
        }
      else if (cancelled)
        {
          gf_window_add_toast (self, _("The import was cancelled; nothing was changed"));
        }
      else
        {
          /* Translators: %s is a file name */
          message = g_strdup_printf (_("Could not import “%s”"), name);
          gf_window_show_error (self, message, error->message);
        }
      break;

    case GF_WINDOW_TASK_EXPORT:
      if (error == NULL)
        {
          /* Translators: %s is a file name */
          message = g_strdup_printf (_("Exported to “%s”"), name);
          gf_window_add_toast (self, message);
        }
      else if (cancelled)
        {
          gf_window_add_toast (self, _("The export was cancelled"));
        }
      else
        {
          /* Translators: %s is a file name */
          message = g_strdup_printf (_("Could not export to “%s”"), name);
          gf_window_show_error (self, message, error->message);
        }
      break;

    case GF_WINDOW_TASK_NONE:
    default:
      g_assert_not_reached ();
    }

  _gf_window_update_actions (self);
}

static void
start_task (GfWindow      *self,
            GfWindowTask   kind_of_task,
            GfImportKind   kind,
            GFile         *file,
            GfImportFlags  flags)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = file != NULL ? dup_file_name (file) : NULL;
  g_autofree char *label = NULL;
  TaskData *data;

  g_return_if_fail (self->database != NULL);
  g_return_if_fail (self->task == GF_WINDOW_TASK_NONE);

  data = g_new0 (TaskData, 1);
  data->task = kind_of_task;
  data->database_path = g_strdup (gf_database_get_path (self->database));
  data->kind = kind;
  data->file = file != NULL ? g_object_ref (file) : NULL;
  data->flags = flags;
  data->window = self;
  data->cancellable = g_cancellable_new ();

  self->task = kind_of_task;
  g_set_object (&self->task_cancellable, data->cancellable);
  set_progress (self, 0.0);

  switch (kind_of_task)
    {
    case GF_WINDOW_TASK_SAMPLE:
      gtk_stack_set_visible_child_name (self->main_stack, "loading");
      break;

    case GF_WINDOW_TASK_IMPORT:
      /* Translators: %s is a file name */
      label = g_strdup_printf (_("Importing “%s”…"), name);
      break;

    case GF_WINDOW_TASK_EXPORT:
      /* Translators: %s is a file name */
      label = g_strdup_printf (_("Exporting to “%s”…"), name);
      break;

    case GF_WINDOW_TASK_NONE:
    default:
      g_assert_not_reached ();
    }

  if (label != NULL)
    {
      gtk_label_set_label (self->task_label, label);
      gtk_revealer_set_reveal_child (self->task_revealer, TRUE);
    }

  task = g_task_new (self, data->cancellable, task_finished_cb, NULL);
  g_task_set_source_tag (task, start_task);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, run_task_thread);

  _gf_window_update_actions (self);
}

void
_gf_window_cancel_task (GfWindow *self)
{
  if (self->task_cancellable != NULL)
    g_cancellable_cancel (self->task_cancellable);
}

static GtkFileFilter *
new_filter (const char *name,
            ...)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  const char *pattern;
  va_list args;

  gtk_file_filter_set_name (filter, name);
  va_start (args, name);
  while ((pattern = va_arg (args, const char *)) != NULL)
    gtk_file_filter_add_pattern (filter, pattern);
  va_end (args);

  return filter;
}

static void
add_database_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) databases = NULL;
  g_autoptr(GtkFileFilter) all = NULL;

  databases = new_filter (_("Gongfu Atlas databases"), "*.sqlite", "*.gfatlas", "*.db", NULL);
  all = new_filter (_("All files"), "*", NULL);
  gtk_file_chooser_add_filter (chooser, databases);
  gtk_file_chooser_add_filter (chooser, all);
}

/* Shows a native chooser that the window keeps until it answers. */
static void
show_chooser (GfWindow             *self,
              GtkFileChooserNative *chooser,
              GCallback             response_cb)
{
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_set_object (&self->chooser, GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);

  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (self->chooser, "response", response_cb, self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->chooser);
}

static GFile *
take_chooser_file (GfWindow *self,
                   int       response)
{
  GFile *file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));

  g_clear_object (&self->chooser);
  return file;
}

static void
remove_database_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (name) != 0 && errno != ENOENT)
        g_warning ("Could not remove %s: %s", name, g_strerror (errno));
    }
}

static void
new_chooser_response_cb (GfWindow *self,
                         int       response)
{
  g_autoptr(GFile) file = take_chooser_file (self, response);
  g_autoptr(GfDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      gf_window_show_error (self, _("Could not create the database"),
                            _("Only files on this computer can be opened"));
      return;
    }

  if (self->database != NULL && g_strcmp0 (gf_database_get_path (self->database), path) == 0)
    {
      gf_window_show_error (self, _("Could not create the database"),
                            _("This database is open. Choose another name for the new one."));
      return;
    }

  /* The chooser asked before replacing an existing file. */
  remove_database_files (path);

  database = gf_database_open (path, GF_DATABASE_OPEN_DEFAULT, &error);
  if (database == NULL)
    {
      gf_window_show_error (self, _("Could not create the database"), error->message);
      return;
    }

  g_settings_set_string (self->settings, "last-database", path);
  gf_window_set_database (self, database, FALSE);
  gf_window_add_toast (self, _("The new database is empty; import your district’s spreadsheets"));
}

static void
new_database_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GfWindow *self = GF_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("New Database"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"),
                                         _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "district.sqlite");
  add_database_filters (GTK_FILE_CHOOSER (chooser));
  show_chooser (self, chooser, G_CALLBACK (new_chooser_response_cb));
}

static void
open_chooser_response_cb (GfWindow *self,
                          int       response)
{
  g_autoptr(GFile) file = take_chooser_file (self, response);
  g_autofree char *path = NULL;

  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      gf_window_show_error (self, _("Could not open the database"),
                            _("Only files on this computer can be opened"));
      return;
    }

  gf_window_open_path (self, path, FALSE, TRUE);
}

static void
open_database_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GfWindow *self = GF_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open Database"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                         _("_Cancel"));
  add_database_filters (GTK_FILE_CHOOSER (chooser));
  show_chooser (self, chooser, G_CALLBACK (open_chooser_response_cb));
}

static void
import_dialog_response_cb (GfWindow       *self,
                           const char     *response,
                           GfImportDialog *dialog)
{
  if (g_str_equal (response, "ok") && self->task == GF_WINDOW_TASK_NONE
      && self->database != NULL)
    start_task (self, GF_WINDOW_TASK_IMPORT, gf_import_dialog_get_kind (dialog),
                gf_import_dialog_get_file (dialog), gf_import_dialog_get_flags (dialog));
}

static void
import_chooser_response_cb (GfWindow *self,
                            int       response)
{
  g_autoptr(GFile) file = take_chooser_file (self, response);
  GfImportDialog *dialog;

  if (file == NULL)
    return;

  dialog = gf_import_dialog_new (GTK_WINDOW (self), FALSE, file);
  g_signal_connect_object (dialog, "response", G_CALLBACK (import_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GfWindow *self = GF_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) supported = NULL;
  g_autoptr(GtkFileFilter) all = NULL;

  chooser = gtk_file_chooser_native_new (_("Import"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                         _("_Cancel"));
  supported = new_filter (_("Spreadsheets and map files (CSV, GeoJSON)"),
                          "*.csv", "*.CSV", "*.geojson", "*.json", NULL);
  all = new_filter (_("All files"), "*", NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), supported);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  show_chooser (self, chooser, G_CALLBACK (import_chooser_response_cb));
}

static void
export_chooser_response_cb (GfWindow *self,
                            int       response)
{
  GfImportKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self->chooser), "kind"));
  g_autoptr(GFile) file = take_chooser_file (self, response);

  if (file != NULL && self->task == GF_WINDOW_TASK_NONE && self->database != NULL)
    start_task (self, GF_WINDOW_TASK_EXPORT, kind, file, GF_IMPORT_FLAGS_NONE);
}

static void
export_dialog_response_cb (GfWindow       *self,
                           const char     *response,
                           GfImportDialog *dialog)
{
  GfImportKind kind = gf_import_dialog_get_kind (dialog);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (!g_str_equal (response, "ok"))
    return;

  chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  name = g_strdup_printf ("%s.%s", gf_import_kind_to_string (kind),
                          gf_import_kind_get_extension (kind));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "kind", GUINT_TO_POINTER (kind));
  show_chooser (self, chooser, G_CALLBACK (export_chooser_response_cb));
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GfWindow *self = GF_WINDOW (widget);
  GfImportDialog *dialog;

  dialog = gf_import_dialog_new (GTK_WINDOW (self), TRUE, NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (export_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
load_sample_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  start_task (GF_WINDOW (widget), GF_WINDOW_TASK_SAMPLE, 0, NULL, GF_IMPORT_FLAGS_NONE);
}

static void
start_empty_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GfWindow *self = GF_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->main_stack, "views");
}

static void
cancel_task_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  _gf_window_cancel_task (GF_WINDOW (widget));
}

static void
show_view_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GfWindow *self = GF_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    {
      g_warning ("No view named “%s”", name);
      return;
    }

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/* "(sx)": ("cluster" or "village", its id). The map's "Show on Charts" comes here. */
static void
show_on_charts_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GfWindow *self = GF_WINDOW (widget);
  const char *kind = NULL;
  gint64 id = 0;
  GfChartSubject subject;

  g_variant_get (parameter, "(&sx)", &kind, &id);
  if (g_str_equal (kind, "cluster"))
    subject = GF_CHART_SUBJECT_CLUSTERS;
  else if (g_str_equal (kind, "village"))
    subject = GF_CHART_SUBJECT_VILLAGES;
  else
    {
      g_warning ("Cannot show a “%s” on the charts", kind);
      return;
    }

  adw_view_stack_set_visible_child_name (self->view_stack, "charts");
  if (!gf_charts_page_compare (self->charts_page, subject, id))
    g_warning ("No %s has the id %" G_GINT64_FORMAT, kind, id);
}

static void
briefings_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GfWindow *self = GF_WINDOW (widget);

  if (self->database != NULL)
    gtk_window_present (GTK_WINDOW (gf_briefings_dialog_new (GTK_WINDOW (self),
                                                             self->database)));
}

static void
toggle_fullscreen_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  GtkWindow *window = GTK_WINDOW (widget);

  if (gtk_window_is_fullscreen (window))
    gtk_window_unfullscreen (window);
  else
    gtk_window_fullscreen (window);
}

void
_gf_window_update_actions (GfWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);
  gboolean views = g_strcmp0 (page, "views") == 0;
  gboolean idle = self->task == GF_WINDOW_TASK_NONE;
  gboolean writable = self->database != NULL && !gf_database_is_read_only (self->database);
  gboolean empty = self->summary == NULL || self->summary->n_villages == 0;

  gtk_widget_action_set_enabled (widget, "win.new-database", idle);
  gtk_widget_action_set_enabled (widget, "win.open-database", idle);
  gtk_widget_action_set_enabled (widget, "win.import", idle && writable && views);
  gtk_widget_action_set_enabled (widget, "win.export", idle && self->database != NULL && views);
  gtk_widget_action_set_enabled (widget, "win.load-sample", idle && writable && empty);
  gtk_widget_action_set_enabled (widget, "win.start-empty", idle && self->database != NULL);
  gtk_widget_action_set_enabled (widget, "win.cancel-task", !idle);
  gtk_widget_action_set_enabled (widget, "win.show-view", views);
  gtk_widget_action_set_enabled (widget, "win.show-on-charts", views);
  gtk_widget_action_set_enabled (widget, "win.briefings", self->database != NULL && views);
}

void
_gf_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-database", NULL,
                                   new_database_activated);
  gtk_widget_class_install_action (widget_class, "win.open-database", NULL,
                                   open_database_activated);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.load-sample", NULL,
                                   load_sample_activated);
  gtk_widget_class_install_action (widget_class, "win.start-empty", NULL,
                                   start_empty_activated);
  gtk_widget_class_install_action (widget_class, "win.cancel-task", NULL,
                                   cancel_task_activated);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_activated);
  gtk_widget_class_install_action (widget_class, "win.show-on-charts", "(sx)",
                                   show_on_charts_activated);
  gtk_widget_class_install_action (widget_class, "win.toggle-fullscreen", NULL,
                                   toggle_fullscreen_activated);
  gtk_widget_class_install_action (widget_class, "win.briefings", NULL, briefings_activated);

  /* The same keys are set as application accelerators, so that menus show them; these keep
   * working in a window without an application, as in the tests. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-view", "s", "map");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-view", "s", "charts");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.show-view", "s", "leaderboard");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK,
                                       "win.show-view", "s", "records");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK,
                                       "win.briefings", NULL);
}
