/* gf-window.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: a header bar with the year and the view switcher over four views (map,
 * charts, leaderboard, records), banners for read-only and sample databases, the first-run
 * page, and a bar for long work (import, export). The window owns the database connection of
 * the main thread; the actions are in gf-window-actions.c. The summary the views show is read
 * again in a worker after every change (see _gf_window_reload()).
 */

#define G_LOG_DOMAIN "gf-window"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "gf-accessible.h"
#include "gf-application.h"
#include "gf-window-private.h"

G_DEFINE_FINAL_TYPE (GfWindow, gf_window, ADW_TYPE_APPLICATION_WINDOW)

static gboolean
database_is_empty (GfWindow *self)
{
  return self->summary == NULL
         || (self->summary->n_towns == 0 && self->summary->n_villages == 0
             && self->summary->n_clusters == 0);
}

static void
update_banners (GfWindow *self)
{
  GfReadOnlyReason reason = GF_READ_ONLY_NONE;
  const char *text = NULL;

  if (self->database != NULL)
    reason = gf_database_get_read_only_reason (self->database);

  switch (reason)
    {
    case GF_READ_ONLY_FILE:
      text = _("This database is read-only because the file or its folder cannot be written. "
               "Changes are disabled.");
      break;

    case GF_READ_ONLY_LOCKED:
      text = _("This database is read-only because another program is using it. "
               "Changes are disabled.");
      break;

    case GF_READ_ONLY_REQUESTED:
      text = _("This database was opened read-only. Changes are disabled.");
      break;

    case GF_READ_ONLY_NONE:
    default:
      break;
    }

  if (text != NULL)
    gtk_label_set_label (self->read_only_label, text);
  gtk_revealer_set_reveal_child (self->read_only_revealer, text != NULL);

  gtk_revealer_set_reveal_child (self->sample_revealer,
                                 self->summary != NULL && self->summary->is_sample);
}

static void
update_chrome (GfWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);
  gboolean views = g_strcmp0 (page, "views") == 0;
  gboolean narrow = adw_view_switcher_title_get_title_visible (self->switcher_title);
  g_autofree char *subtitle = NULL;

  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, views);
  /* The bar replaces the header's switcher in narrow windows, and only where views are. */
  adw_view_switcher_bar_set_reveal (self->switcher_bar, views && narrow);
  gtk_widget_set_visible (GTK_WIDGET (self->year_dropdown),
                          views && g_list_model_get_n_items (G_LIST_MODEL (self->years)) > 0);

  if (self->summary != NULL && self->summary->district_name != NULL
      && *self->summary->district_name != '\0')
    subtitle = g_strdup (self->summary->district_name);
  else if (self->database != NULL)
    subtitle = g_path_get_basename (gf_database_get_path (self->database));

  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
}

/* The dropdown lists the years with data, the latest first. */
static void
update_years (GfWindow *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->years));
  guint selected = 0;

  if (self->summary != NULL && self->summary->first_year > 0)
    {
      for (int y = self->summary->last_year; y >= self->summary->first_year; y--)
        {
          if (y == self->summary->year)
            selected = items->len;
          g_ptr_array_add (items, g_strdup_printf ("%d", y));
        }
    }
  g_ptr_array_add (items, NULL);

  self->updating_years = TRUE;
  gtk_string_list_splice (self->years, 0, n_old, (const char * const *) items->pdata);
  if (items->len > 1)
    gtk_drop_down_set_selected (self->year_dropdown, selected);
  self->updating_years = FALSE;
}

/* Shows @summary (or none) in every view. @error: why there is none, or %NULL. */
static void
apply_summary (GfWindow  *self,
               GfSummary *summary,
               GError    *error)
{
  g_clear_pointer (&self->summary, gf_summary_free);
  self->summary = summary;

  if (self->summary == NULL && error != NULL)
    {
      g_warning ("Could not summarize %s: %s",
                 self->database != NULL ? gf_database_get_path (self->database) : "",
                 error->message);
      gf_window_show_error (self, _("Could not read the district"), error->message);
    }

  update_years (self);
  gf_map_page_set_summary (self->map_page, self->summary);
  gf_charts_page_set_summary (self->charts_page, self->summary);
  gf_leaderboard_page_set_summary (self->leaderboard_page, self->summary);
  gf_records_page_set_summary (self->records_page, self->summary);
  update_banners (self);
  update_chrome (self);
  _gf_window_update_actions (self);
}

/* The summary of @year, or of the latest year when the stored one has no data in this
 * database. */
static GfSummary *
compute_summary (GfDatabase  *database,
                 int          year,
                 GError     **error)
{
  GfSummary *summary = gf_summary_compute (database, year, error);

  if (summary == NULL && year != 0)
    {
      g_clear_error (error);
      summary = gf_summary_compute (database, 0, error);
    }

  return summary;
}

typedef struct
{
  char     *path;
  int       year;
  gboolean  open_failed;   /* set by the worker */
} SummaryJob;

static void
summary_job_free (SummaryJob *job)
{
  g_free (job->path);
  g_free (job);
}

static void
summary_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SummaryJob *job = task_data;
  g_autoptr(GfDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  GfSummary *summary = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  database = gf_database_open_reader (job->path, &error);
  if (database != NULL)
    summary = compute_summary (database, job->year, &error);
  else
    job->open_failed = TRUE;

  if (summary != NULL)
    g_task_return_pointer (task, summary, (GDestroyNotify) gf_summary_free);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void reload_now (GfWindow *self);

static void
summary_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GfWindow *self = GF_WINDOW (object);
  SummaryJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GfSummary *summary = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer reload superseded this one: its result is the one to show. */
  if (g_task_get_cancellable (G_TASK (result)) != self->summary_cancellable)
    {
      g_clear_pointer (&summary, gf_summary_free);
      return;
    }

  g_clear_object (&self->summary_cancellable);

  /* The file could not be opened a second time (a read-only folder where the shared memory of
   * its journal cannot be made, say): the connection of this thread still reads it. */
  if (job->open_failed)
    {
      g_message ("Summarizing on the main thread: %s", error->message);
      reload_now (self);
      return;
    }

  apply_summary (self, summary, error);
}

static void
cancel_summary (GfWindow *self)
{
  g_cancellable_cancel (self->summary_cancellable);
  g_clear_object (&self->summary_cancellable);
}

/* Reads the summary on this thread: for a new database, whose views must not show the last
 * one's district even for a moment, and for an in-memory database, which no worker can open. */
static void
reload_now (GfWindow *self)
{
  g_autoptr(GError) error = NULL;
  GfSummary *summary = NULL;

  cancel_summary (self);
  if (self->database != NULL)
    summary = compute_summary (self->database, self->year, &error);
  apply_summary (self, summary, error);
}

/**
 * _gf_window_reload:
 *
 * Summarizes the database again, after a change or for another year. At province scale that
 * takes 0.1 to 0.2 s, so it runs in a worker with its own read-only connection; the views
 * show the previous summary until then, and a newer reload cancels an older one.
 * gf_window_is_loading() says whether one is in flight.
 */
void
_gf_window_reload (GfWindow *self)
{
  g_autoptr(GTask) task = NULL;
  SummaryJob *job;

  if (self->database == NULL || gf_database_is_in_memory (self->database))
    {
      reload_now (self);
      return;
    }

  cancel_summary (self);
  self->summary_cancellable = g_cancellable_new ();

  job = g_new0 (SummaryJob, 1);
  job->path = g_strdup (gf_database_get_path (self->database));
  job->year = self->year;

  task = g_task_new (self, self->summary_cancellable, summary_done_cb, NULL);
  g_task_set_source_tag (task, _gf_window_reload);
  g_task_set_name (task, "[gf] summarize");
  g_task_set_task_data (task, job, (GDestroyNotify) summary_job_free);
  g_task_run_in_thread (task, summary_thread);
}

/**
 * gf_window_is_loading:
 *
 * Returns: whether the summary of the database is being read again: the views show the
 *   previous one until it is done
 */
gboolean
gf_window_is_loading (GfWindow *self)
{
  g_return_val_if_fail (GF_IS_WINDOW (self), FALSE);

  return self->summary_cancellable != NULL;
}

static void
save_window_state (GfWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static void
database_changed_cb (GfWindow   *self,
                     const char *table,
                     GfDatabase *database)
{
  g_debug ("Database changed: %s", table);

  /* Briefings change no figure the views show; the Briefings dialog follows them itself. */
  if (g_strcmp0 (table, "briefing") == 0)
    return;

  _gf_window_reload (self);
}

static void
year_dropdown_notify_selected_cb (GfWindow    *self,
                                  GParamSpec  *pspec,
                                  GtkDropDown *dropdown)
{
  GtkStringObject *item;
  int year;

  if (self->updating_years)
    return;

  item = gtk_drop_down_get_selected_item (dropdown);
  if (item == NULL)
    return;

  year = atoi (gtk_string_object_get_string (item));
  /* While a reload is in flight the summary shown may not be of the year asked for last. */
  if (self->summary != NULL && year == self->summary->year && self->summary_cancellable == NULL)
    return;

  /* The latest year is stored as 0, so that the views follow when newer data arrives. */
  self->year = (self->summary != NULL && year == self->summary->last_year) ? 0 : year;
  g_settings_set_int (self->settings, "year", self->year);
  _gf_window_reload (self);
}

static void
main_stack_notify_visible_child_cb (GfWindow *self)
{
  update_chrome (self);
  _gf_window_update_actions (self);
}

static gboolean
gf_window_close_request (GtkWindow *window)
{
  GfWindow *self = GF_WINDOW (window);

  save_window_state (self);
  _gf_window_cancel_task (self);

  return GTK_WINDOW_CLASS (gf_window_parent_class)->close_request (window);
}

static void
gf_window_dispose (GObject *object)
{
  GfWindow *self = GF_WINDOW (object);

  _gf_window_cancel_task (self);
  cancel_summary (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_signal_handler (&self->changed_handler, self->database);
  g_clear_object (&self->database);
  g_clear_pointer (&self->summary, gf_summary_free);
  g_clear_object (&self->task_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_WINDOW);

  G_OBJECT_CLASS (gf_window_parent_class)->dispose (object);
}

static void
gf_window_finalize (GObject *object)
{
  GfWindow *self = GF_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gf_window_parent_class)->finalize (object);
}

static void
gf_window_class_init (GfWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gf_window_dispose;
  object_class->finalize = gf_window_finalize;
  window_class->close_request = gf_window_close_request;

  g_type_ensure (GF_TYPE_MAP_PAGE);
  g_type_ensure (GF_TYPE_CHARTS_PAGE);
  g_type_ensure (GF_TYPE_LEADERBOARD_PAGE);
  g_type_ensure (GF_TYPE_RECORDS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/gf-window.ui");

  /* Template widgets */
  gtk_widget_class_bind_template_child (widget_class, GfWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, years);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, sample_revealer);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, task_revealer);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, task_label);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, task_progress);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, load_sample_button);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, sample_progress);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, map_page);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, charts_page);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, leaderboard_page);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, records_page);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, switcher_bar);

  _gf_window_class_actions_init (widget_class);
}

static void
gf_window_init (GfWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gf_accessible_label_drop_down (self->year_dropdown);

  self->settings = g_settings_new (GF_SETTINGS_SCHEMA_ID);
  self->year = g_settings_get_int (self->settings, "year");

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  if (g_str_has_suffix (APP_ID, ".Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  g_signal_connect_object (self->year_dropdown, "notify::selected",
                           G_CALLBACK (year_dropdown_notify_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (update_chrome), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->main_stack, "notify::visible-child",
                           G_CALLBACK (main_stack_notify_visible_child_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_stack_set_visible_child_name (self->main_stack, "views");
  reload_now (self);
}

/**
 * gf_window_new:
 * @application: (nullable): a #GtkApplication
 *
 * Returns: (transfer none): a new window, owned by the application or the window list
 */
GfWindow *
gf_window_new (gpointer application)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (GF_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

static void
check_file_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (gf_database_check_file (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
check_file_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GfWindow *self = GF_WINDOW (object);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gf_window_show_error (self, _("The database is damaged"), error->message);
}

/* Big files skip the page-level check at open (a second or more); it runs here instead, on
 * its own read-only connection, while the user already works with the file. */
static void
check_integrity_in_background (GfWindow   *self,
                               GfDatabase *database)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, NULL, check_file_done_cb, NULL);
  g_task_set_source_tag (task, check_integrity_in_background);
  g_task_set_task_data (task, g_strdup (gf_database_get_path (database)), g_free);
  g_task_run_in_thread (task, check_file_thread);
}

/**
 * gf_window_set_database:
 * @database: (nullable): the database; a reference is taken
 * @first_run: whether to greet an empty database with the first-run page
 *
 * Shows @database in every view, replacing the previous one.
 */
void
gf_window_set_database (GfWindow   *self,
                        GfDatabase *database,
                        gboolean    first_run)
{
  g_return_if_fail (GF_IS_WINDOW (self));
  g_return_if_fail (database == NULL || GF_IS_DATABASE (database));

  if (self->database != database)
    {
      _gf_window_cancel_task (self);
      g_clear_signal_handler (&self->changed_handler, self->database);
      g_set_object (&self->database, database);
      if (database != NULL)
        self->changed_handler = g_signal_connect_object (database, "changed",
                                                         G_CALLBACK (database_changed_cb), self,
                                                         G_CONNECT_SWAPPED);
      if (database != NULL && gf_database_get_integrity_check_deferred (database))
        check_integrity_in_background (self, database);
    }

  /* The first-run page below depends on what the database holds. */
  reload_now (self);

  /* Without a database (the one at start failed to open) the first-run page offers to open
   * another one. */
  if (database == NULL
      || (first_run && database_is_empty (self) && !gf_database_is_read_only (database)))
    gtk_stack_set_visible_child_name (self->main_stack, "welcome");
  else
    gtk_stack_set_visible_child_name (self->main_stack, "views");

  update_chrome (self);
  _gf_window_update_actions (self);
}

/**
 * gf_window_open_path:
 * @path: a database file
 * @first_run: whether the file may be created and greeted with the first-run page
 * @remember: whether to store @path as the database to open next time
 *
 * Opens @path and shows it. On failure an error dialog explains why and the previous database
 * stays open.
 *
 * Returns: whether @path was opened
 */
gboolean
gf_window_open_path (GfWindow   *self,
                     const char *path,
                     gboolean    first_run,
                     gboolean    remember)
{
  g_autoptr(GfDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *absolute = NULL;

  g_return_val_if_fail (GF_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  absolute = g_canonicalize_filename (path, NULL);
  database = gf_database_open (absolute,
                               first_run ? GF_DATABASE_OPEN_DEFAULT : GF_DATABASE_OPEN_EXISTING,
                               &error);
  if (database == NULL)
    {
      g_message ("Could not open %s: %s", absolute, error->message);
      gf_window_show_error (self, _("Could not open the database"), error->message);
      return FALSE;
    }

  if (remember)
    g_settings_set_string (self->settings, "last-database", absolute);

  gf_window_set_database (self, database, first_run);

  if (gf_database_get_backup_path (database) != NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a file path */
      message = g_strdup_printf (_("The database was upgraded; the old version is kept as “%s”"),
                                 gf_database_get_backup_path (database));
      gf_window_add_toast (self, message);
    }

  return TRUE;
}

/**
 * gf_window_get_database:
 *
 * Returns: (transfer none) (nullable): the open database
 */
GfDatabase *
gf_window_get_database (GfWindow *self)
{
  g_return_val_if_fail (GF_IS_WINDOW (self), NULL);

  return self->database;
}

/**
 * gf_window_get_year:
 *
 * Returns: the year the views show, or 0 when the database has no observations
 */
int
gf_window_get_year (GfWindow *self)
{
  g_return_val_if_fail (GF_IS_WINDOW (self), 0);

  return self->summary != NULL ? self->summary->year : 0;
}

void
gf_window_add_toast (GfWindow   *self,
                     const char *title)
{
  AdwToast *toast;

  g_return_if_fail (GF_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
gf_window_show_error (GfWindow   *self,
                      const char *heading,
                      const char *body)
{
  GtkWidget *dialog;

  g_return_if_fail (GF_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}
