/* gf-briefings-dialog.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Briefings window: a list of briefings to choose, create, rename and delete; the slides
 * of the chosen one, to move up and down or remove; and the two things a briefing is for,
 * presenting it full screen and exporting a PDF handout. The export runs in a GTask thread on
 * a read-only connection of its own, with progress and a cancel button.
 */

#define G_LOG_DOMAIN "gf-briefings-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "gf-accessible.h"
#include "gf-briefing-window.h"
#include "gf-briefings-dialog.h"

struct _GfBriefingsDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkListBox           *briefing_list;
  AdwPreferencesGroup  *slides_group;
  GtkListBox           *slide_list;
  GtkRevealer          *export_revealer;
  GtkProgressBar       *export_progress;

  /* Owned */
  GfDatabase           *database;
  GPtrArray            *briefings;        /* GfBriefing, in the order of the list */
  GtkNativeDialog      *chooser;
  GCancellable         *export_cancellable;

  gulong                changed_handler;
  gint64                selected_id;
  gboolean              rebuilding;
};

G_DEFINE_FINAL_TYPE (GfBriefingsDialog, gf_briefings_dialog, ADW_TYPE_WINDOW)

typedef struct
{
  char              *database_path;
  gint64             briefing_id;
  char              *output;

  /* Worker thread only */
  GfBriefingsDialog *dialog;       /* the task's source object keeps it alive */
  GCancellable      *cancellable;
} ExportData;

typedef struct
{
  GfBriefingsDialog *dialog;
  GCancellable      *cancellable;
  double             fraction;
} ProgressUpdate;

static void reload (GfBriefingsDialog *self);

static void
export_data_free (ExportData *data)
{
  g_clear_pointer (&data->database_path, g_free);
  g_clear_pointer (&data->output, g_free);
  g_clear_object (&data->cancellable);
  g_free (data);
}

static void
progress_update_free (ProgressUpdate *update)
{
  g_clear_object (&update->dialog);
  g_clear_object (&update->cancellable);
  g_free (update);
}

static void
add_toast (GfBriefingsDialog *self,
           const char        *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static GfBriefing *
get_selected_briefing (GfBriefingsDialog *self)
{
  for (guint i = 0; self->briefings != NULL && i < self->briefings->len; i++)
    {
      GfBriefing *briefing = g_ptr_array_index (self->briefings, i);

      if (briefing->id == self->selected_id)
        return briefing;
    }

  return NULL;
}

static void
update_actions (GfBriefingsDialog *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean writable = self->database != NULL && !gf_database_is_read_only (self->database);
  gboolean selected = get_selected_briefing (self) != NULL;
  gboolean exporting = self->export_cancellable != NULL;

  gtk_widget_action_set_enabled (widget, "briefings.new", writable);
  gtk_widget_action_set_enabled (widget, "briefings.rename", writable && selected);
  gtk_widget_action_set_enabled (widget, "briefings.delete", writable && selected);
  gtk_widget_action_set_enabled (widget, "briefings.present", selected);
  gtk_widget_action_set_enabled (widget, "briefings.export", selected && !exporting);
  gtk_widget_action_set_enabled (widget, "briefings.cancel-export", exporting);
  gtk_widget_action_set_enabled (widget, "slide.move-up", writable);
  gtk_widget_action_set_enabled (widget, "slide.move-down", writable);
  gtk_widget_action_set_enabled (widget, "slide.remove", writable);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
new_slide_button (const char *icon_name,
                  const char *label,
                  const char *action,
                  gint64      slide_id,
                  gboolean    sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_int64 (slide_id));
  /* The first cannot move up nor the last down; the action stays enabled for the others. */
  gtk_widget_set_sensitive (button, sensitive);

  return button;
}

static const char *
slide_icon_name (const GfSlide *slide)
{
  switch (slide->kind)
    {
    case GF_SLIDE_MAP:
      return "mark-location-symbolic";
    case GF_SLIDE_LEADERBOARD:
      return "gf-leaderboard-symbolic";
    case GF_SLIDE_CHART:
    default:
      return "gf-charts-symbolic";
    }
}

static void
update_slides (GfBriefingsDialog *self)
{
  g_autoptr(GfBriefingRenderer) renderer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;
  GfBriefing *briefing = get_selected_briefing (self);

  clear_list (self->slide_list);
  gtk_widget_set_visible (GTK_WIDGET (self->slides_group), briefing != NULL);
  if (briefing == NULL)
    return;

  escaped = g_markup_escape_text (briefing->name, -1);
  /* Translators: the heading over the slides of a briefing; %s is its name */
  title = g_strdup_printf (_("Slides of “%s”"), escaped);
  adw_preferences_group_set_title (self->slides_group, title);

  /* The renderer gives the titles that slides without one take from their content. */
  renderer = gf_briefing_renderer_new (self->database, briefing, &error);
  if (renderer == NULL)
    g_warning ("Could not read the briefing: %s", error->message);

  for (guint i = 0; i < briefing->slides->len; i++)
    {
      const GfSlide *slide = g_ptr_array_index (briefing->slides, i);
      g_autofree char *description = gf_slide_describe (slide);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (number);
      const char *slide_title = renderer != NULL
                                ? gf_briefing_renderer_get_title (renderer, i + 1)
                                : slide->title;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     slide_title != NULL ? slide_title : "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_set_size_request (label, 24, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), label);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name (slide_icon_name (slide)));

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 new_slide_button ("go-up-symbolic", _("Move Up"),
                                                   "slide.move-up", slide->id, i > 0));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 new_slide_button ("go-down-symbolic", _("Move Down"),
                                                   "slide.move-down", slide->id,
                                                   i + 1 < briefing->slides->len));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 new_slide_button ("user-trash-symbolic", _("Remove Slide"),
                                                   "slide.remove", slide->id, TRUE));
      gtk_list_box_append (self->slide_list, row);
    }
}

static void
briefing_list_row_selected_cb (GfBriefingsDialog *self,
                               GtkListBoxRow     *row,
                               GtkListBox        *list)
{
  if (self->rebuilding || row == NULL)
    return;

  self->selected_id = ((GfBriefing *) g_ptr_array_index (self->briefings,
                                                         gtk_list_box_row_get_index (row)))->id;
  update_slides (self);
  update_actions (self);
}

static void
reload (GfBriefingsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) briefings = NULL;
  GtkListBoxRow *selected_row = NULL;

  if (self->database == NULL || self->stack == NULL)
    return;

  briefings = gf_store_list_briefings (self->database, &error);
  if (briefings == NULL)
    {
      add_toast (self, error->message);
      return;
    }

  g_clear_pointer (&self->briefings, g_ptr_array_unref);
  self->briefings = g_steal_pointer (&briefings);

  self->rebuilding = TRUE;
  clear_list (self->briefing_list);
  for (guint i = 0; i < self->briefings->len; i++)
    {
      GfBriefing *briefing = g_ptr_array_index (self->briefings, i);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      /* Translators: under a briefing's name in the list */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u slide", "%u slides",
                                               briefing->slides->len),
                                  briefing->slides->len);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), briefing->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("x-office-presentation-symbolic"));
      gtk_list_box_append (self->briefing_list, row);

      if (briefing->id == self->selected_id)
        selected_row = GTK_LIST_BOX_ROW (row);
    }

  /* Keep the choice; when it is gone, the first briefing. */
  if (selected_row == NULL && self->briefings->len > 0)
    {
      selected_row = gtk_list_box_get_row_at_index (self->briefing_list, 0);
      self->selected_id = ((GfBriefing *) g_ptr_array_index (self->briefings, 0))->id;
    }
  else if (selected_row == NULL)
    self->selected_id = 0;
  gtk_list_box_select_row (self->briefing_list, selected_row);
  self->rebuilding = FALSE;

  gtk_stack_set_visible_child_name (self->stack,
                                    self->briefings->len > 0 ? "briefings" : "empty");
  update_slides (self);
  update_actions (self);
}

static void
database_changed_cb (GfBriefingsDialog *self,
                     const char        *table,
                     GfDatabase        *database)
{
  reload (self);
}

/* Names */

typedef enum
{
  NAME_NEW,
  NAME_RENAME,
} NameMode;

static void
name_entry_changed_cb (AdwMessageDialog *dialog,
                       GtkEditable      *entry)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "ok", *name != '\0');
}

static void
name_dialog_response_cb (GfBriefingsDialog *self,
                         const char        *response,
                         AdwMessageDialog  *dialog)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  NameMode mode = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "mode"));
  g_autoptr(GError) error = NULL;
  const char *name = gtk_editable_get_text (entry);
  gint64 id = 0;
  gboolean ok;

  if (!g_str_equal (response, "ok") || self->database == NULL)
    return;

  if (mode == NAME_NEW)
    {
      ok = gf_store_create_briefing (self->database, name, NULL, &id, &error);
      if (ok)
        gf_briefings_dialog_select (self, id);
    }
  else
    ok = gf_store_rename_briefing (self->database, self->selected_id, name, &error);

  if (!ok)
    add_toast (self, error->message);
}

static void
ask_name (GfBriefingsDialog *self,
          NameMode           mode,
          const char        *initial)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       mode == NAME_NEW
                                                       ? _("New Briefing")
                                                       : _("Rename Briefing"),
                                                       NULL));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "ok", mode == NAME_NEW ? _("C_reate") : _("_Rename"),
                                    NULL);
  gf_accessible_name_mnemonic_buttons (GTK_WIDGET (dialog));
  adw_message_dialog_set_response_appearance (dialog, "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "ok");
  adw_message_dialog_set_close_response (dialog, "cancel");

  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Name of the briefing"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Name of the briefing"), -1);
  gtk_editable_set_text (GTK_EDITABLE (entry), initial != NULL ? initial : "");
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_set_response_enabled (dialog, "ok", initial != NULL && *initial != '\0');

  g_object_set_data (G_OBJECT (dialog), "mode", GINT_TO_POINTER (mode));
  g_signal_connect_object (entry, "changed", G_CALLBACK (name_entry_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (name_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ask_name (GF_BRIEFINGS_DIALOG (widget), NAME_NEW, NULL);
}

static void
rename_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GfBriefingsDialog *self = GF_BRIEFINGS_DIALOG (widget);
  GfBriefing *briefing = get_selected_briefing (self);

  if (briefing != NULL)
    ask_name (self, NAME_RENAME, briefing->name);
}

static void
delete_response_cb (GfBriefingsDialog *self,
                    const char        *response,
                    AdwMessageDialog  *dialog)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "briefing-id");
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "delete") && self->database != NULL
      && !gf_store_delete_briefing (self->database, id, &error))
    add_toast (self, error->message);
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GfBriefingsDialog *self = GF_BRIEFINGS_DIALOG (widget);
  GfBriefing *briefing = get_selected_briefing (self);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (briefing == NULL)
    return;

  /* Translators: %s is a briefing's name */
  heading = g_strdup_printf (_("Delete “%s”?"), briefing->name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _("Its slides are deleted with it. The "
                                                         "data of the district stay as they "
                                                         "are.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  gf_accessible_name_mnemonic_buttons (GTK_WIDGET (dialog));
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "briefing-id",
                          g_memdup2 (&briefing->id, sizeof briefing->id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Slides */

static const GfSlide *
find_slide (GfBriefingsDialog *self,
            gint64             slide_id,
            guint             *index)
{
  GfBriefing *briefing = get_selected_briefing (self);

  for (guint i = 0; briefing != NULL && i < briefing->slides->len; i++)
    {
      const GfSlide *slide = g_ptr_array_index (briefing->slides, i);

      if (slide->id == slide_id)
        {
          *index = i;
          return slide;
        }
    }

  return NULL;
}

static void
move_slide (GfBriefingsDialog *self,
            GVariant          *parameter,
            int                delta)
{
  g_autoptr(GError) error = NULL;
  gint64 slide_id = g_variant_get_int64 (parameter);
  guint index = 0;

  if (find_slide (self, slide_id, &index) == NULL || (delta < 0 && index == 0))
    return;

  if (!gf_store_move_slide (self->database, slide_id, index + delta, &error))
    add_toast (self, error->message);
}

static void
move_up_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  move_slide (GF_BRIEFINGS_DIALOG (widget), parameter, -1);
}

static void
move_down_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  move_slide (GF_BRIEFINGS_DIALOG (widget), parameter, +1);
}

static void
remove_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GfBriefingsDialog *self = GF_BRIEFINGS_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  guint index;

  if (find_slide (self, g_variant_get_int64 (parameter), &index) != NULL
      && !gf_store_remove_slide (self->database, g_variant_get_int64 (parameter), &error))
    add_toast (self, error->message);
}

/* Presenting */

static void
present_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GfBriefingsDialog *self = GF_BRIEFINGS_DIALOG (widget);
  GfBriefing *briefing = get_selected_briefing (self);
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GfBriefingWindow *presenter;

  if (briefing == NULL)
    return;

  presenter = gf_briefing_window_new (parent != NULL ? parent : GTK_WINDOW (self),
                                      self->database, briefing, &error);
  if (presenter == NULL)
    {
      add_toast (self, error->message);
      return;
    }

  gtk_window_present (GTK_WINDOW (presenter));
}

/* Exporting the handout */

static void
set_export_progress (GfBriefingsDialog *self,
                     double             fraction)
{
  gtk_progress_bar_set_fraction (self->export_progress, fraction);
}

static gboolean
progress_update_cb (gpointer user_data)
{
  ProgressUpdate *update = user_data;

  if (update->dialog->export_cancellable == update->cancellable
      && !g_cancellable_is_cancelled (update->cancellable))
    set_export_progress (update->dialog, update->fraction);

  return G_SOURCE_REMOVE;
}

/* Runs on the worker thread: hands the fraction to the main thread. */
static void
export_progress_cb (double   fraction,
                    gpointer user_data)
{
  ExportData *data = user_data;
  ProgressUpdate *update = g_new0 (ProgressUpdate, 1);

  update->dialog = g_object_ref (data->dialog);
  update->cancellable = g_object_ref (data->cancellable);
  update->fraction = CLAMP (fraction, 0.0, 1.0);
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, progress_update_cb, update,
                              (GDestroyNotify) progress_update_free);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GfDatabase) database = NULL;
  g_autoptr(GfBriefing) briefing = NULL;
  g_autoptr(GError) error = NULL;

  database = gf_database_open_reader (data->database_path, &error);
  if (database != NULL)
    briefing = gf_store_get_briefing (database, data->briefing_id, &error);

  if (briefing != NULL
      && gf_briefing_export_pdf (database, briefing, data->output, export_progress_cb, data,
                                 cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
export_finished_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GfBriefingsDialog *self = GF_BRIEFINGS_DIALOG (source_object);
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_path_get_basename (data->output);
  g_autofree char *name = g_filename_display_name (basename);
  g_autofree char *message = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);

  /* The window was closed while the work ran: nobody is left to tell. */
  if (self->stack == NULL)
    return;

  if (self->export_cancellable == data->cancellable)
    {
      g_clear_object (&self->export_cancellable);
      gtk_revealer_set_reveal_child (self->export_revealer, FALSE);
    }

  if (error == NULL)
    /* Translators: %s is a file name */
    message = g_strdup_printf (_("The handout is saved as “%s”"), name);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    message = g_strdup (_("The export was cancelled; no file was written"));
  else
    /* Translators: %s is why, a sentence */
    message = g_strdup_printf (_("Could not export the handout: %s"), error->message);

  add_toast (self, message);
  update_actions (self);
}

static void
start_export (GfBriefingsDialog *self,
              const char        *output)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  data = g_new0 (ExportData, 1);
  data->database_path = g_strdup (gf_database_get_path (self->database));
  data->briefing_id = self->selected_id;
  data->output = g_strdup (output);
  data->dialog = self;
  data->cancellable = g_cancellable_new ();

  g_set_object (&self->export_cancellable, data->cancellable);
  set_export_progress (self, 0);
  gtk_revealer_set_reveal_child (self->export_revealer, TRUE);

  task = g_task_new (self, data->cancellable, export_finished_cb, NULL);
  g_task_set_source_tag (task, start_export);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);

  update_actions (self);
}

static void
export_chooser_response_cb (GfBriefingsDialog *self,
                            int                response)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);

  if (file != NULL)
    gf_briefings_dialog_export (self, file);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GfBriefingsDialog *self = GF_BRIEFINGS_DIALOG (widget);
  GfBriefing *briefing = get_selected_briefing (self);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (briefing == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Handout"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  /* A file name may not hold a slash; the rest of the name stays as the user wrote it. */
  name = g_strdup_printf ("%s.pdf", briefing->name);
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_set_object (&self->chooser, GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (export_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->chooser);
}

static void
cancel_export_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GfBriefingsDialog *self = GF_BRIEFINGS_DIALOG (widget);

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
}

/* GObject */

static void
gf_briefings_dialog_dispose (GObject *object)
{
  GfBriefingsDialog *self = GF_BRIEFINGS_DIALOG (object);

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_signal_handler (&self->changed_handler, self->database);
  g_clear_object (&self->database);
  g_clear_pointer (&self->briefings, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_BRIEFINGS_DIALOG);

  G_OBJECT_CLASS (gf_briefings_dialog_parent_class)->dispose (object);
}

static void
gf_briefings_dialog_class_init (GfBriefingsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_briefings_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/gf-briefings-dialog.ui");

  /* Template widgets */
  gtk_widget_class_bind_template_child (widget_class, GfBriefingsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GfBriefingsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, GfBriefingsDialog, briefing_list);
  gtk_widget_class_bind_template_child (widget_class, GfBriefingsDialog, slides_group);
  gtk_widget_class_bind_template_child (widget_class, GfBriefingsDialog, slide_list);
  gtk_widget_class_bind_template_child (widget_class, GfBriefingsDialog, export_revealer);
  gtk_widget_class_bind_template_child (widget_class, GfBriefingsDialog, export_progress);

  gtk_widget_class_install_action (widget_class, "briefings.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "briefings.rename", NULL, rename_activated);
  gtk_widget_class_install_action (widget_class, "briefings.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "briefings.present", NULL, present_activated);
  gtk_widget_class_install_action (widget_class, "briefings.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "briefings.cancel-export", NULL,
                                   cancel_export_activated);
  gtk_widget_class_install_action (widget_class, "slide.move-up", "x", move_up_activated);
  gtk_widget_class_install_action (widget_class, "slide.move-down", "x", move_down_activated);
  gtk_widget_class_install_action (widget_class, "slide.remove", "x", remove_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "briefings.new", NULL);
}

static void
gf_briefings_dialog_init (GfBriefingsDialog *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Else "_Present Present", "_Export Handout… Export Handout…" for screen readers */
  gf_accessible_name_mnemonic_buttons (GTK_WIDGET (self));

  placeholder = gtk_label_new (_("This briefing has no slides yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_list_box_set_placeholder (self->slide_list, placeholder);
  g_signal_connect_object (self->briefing_list, "row-selected",
                           G_CALLBACK (briefing_list_row_selected_cb), self, G_CONNECT_SWAPPED);
}

/**
 * gf_briefings_dialog_new:
 * @parent: the main window
 * @database: the main thread's database; a reference is taken
 *
 * Returns: (transfer none): the dialog, owned by GTK's window list; present it
 */
GfBriefingsDialog *
gf_briefings_dialog_new (GtkWindow  *parent,
                         GfDatabase *database)
{
  GfBriefingsDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GF_IS_DATABASE (database), NULL);

  self = g_object_new (GF_TYPE_BRIEFINGS_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->database = g_object_ref (database);
  self->changed_handler = g_signal_connect_object (database, "changed",
                                                   G_CALLBACK (database_changed_cb), self,
                                                   G_CONNECT_SWAPPED);
  reload (self);

  return self;
}

/**
 * gf_briefings_dialog_get_selected:
 *
 * Returns: the id of the chosen briefing, or 0
 */
gint64
gf_briefings_dialog_get_selected (GfBriefingsDialog *self)
{
  g_return_val_if_fail (GF_IS_BRIEFINGS_DIALOG (self), 0);

  return get_selected_briefing (self) != NULL ? self->selected_id : 0;
}

/**
 * gf_briefings_dialog_select:
 * @briefing_id: a briefing's id
 *
 * Chooses the briefing, e.g. one just created.
 */
void
gf_briefings_dialog_select (GfBriefingsDialog *self,
                            gint64             briefing_id)
{
  g_return_if_fail (GF_IS_BRIEFINGS_DIALOG (self));

  self->selected_id = briefing_id;
  reload (self);
}

/**
 * gf_briefings_dialog_export:
 * @file: the PDF to write; ".pdf" is added to a name without it
 *
 * Exports the chosen briefing's handout in a thread, with progress and a cancel button in
 * the dialog and a toast when it is done. Does nothing while another export runs.
 */
void
gf_briefings_dialog_export (GfBriefingsDialog *self,
                            GFile             *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (GF_IS_BRIEFINGS_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->export_cancellable != NULL || get_selected_briefing (self) == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      add_toast (self, _("Only files on this computer can be written"));
      return;
    }

  if (!g_str_has_suffix (path, ".pdf") && !g_str_has_suffix (path, ".PDF"))
    {
      char *with_suffix = g_strconcat (path, ".pdf", NULL);

      g_free (path);
      path = with_suffix;
    }

  start_export (self, path);
}
