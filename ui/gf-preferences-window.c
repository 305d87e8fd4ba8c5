/* gf-preferences-window.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences, each kept in GSettings: the basemap source (none, an MBTiles file, a web map
 * service) and high-contrast charts. The map (GfBasemap) and the charts follow the same keys.
 *
 * Nothing wrong is ever written: a chosen MBTiles file is opened and checked (gf_mbtiles, in a
 * worker thread) before its path is stored, and a custom tile address is checked when it is
 * applied; what is wrong shows under the row. A web service is only chosen here, never
 * contacted: the first request goes out when the map draws with the online basemap.
 */

#define G_LOG_DOMAIN "gf-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "gf-accessible.h"
#include "gf-basemap.h"
#include "gf-mbtiles.h"
#include "gf-preferences-window.h"

struct _GfPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwActionRow         *mbtiles_row;
  GtkButton            *mbtiles_button;
  AdwPreferencesRow    *mbtiles_status_row;
  GtkLabel             *mbtiles_status_label;
  AdwComboRow          *service_row;
  GtkStringList        *service_items;
  AdwEntryRow          *url_row;
  AdwPasswordEntryRow  *tianditu_row;
  AdwPreferencesRow    *online_status_row;
  GtkLabel             *online_status_label;
  GtkSwitch            *high_contrast_switch;

  /* Owned */
  GSettings            *settings;
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;    /* the MBTiles file being checked */

  guint                 n_presets;
  guint                 syncing : 1;    /* the service row is set from the settings */
};

G_DEFINE_FINAL_TYPE (GfPreferencesWindow, gf_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  MBTILES_CHECKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  GfPreferencesWindow *self;     /* a reference */
  char                *path;
  gboolean             store;    /* write the path when the file is good */
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->path, g_free);
  g_free (data);
}

/* MBTiles */

static void
show_mbtiles_status (GfPreferencesWindow *self,
                     const char          *text,
                     gboolean             is_error)
{
  gtk_label_set_text (self->mbtiles_status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->mbtiles_status_row), text != NULL);
  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->mbtiles_status_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->mbtiles_status_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->mbtiles_status_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->mbtiles_status_label), "dim-label");
    }
}

static void
update_mbtiles_row (GfPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "basemap-mbtiles-path");

  if (*path == '\0')
    adw_action_row_set_subtitle (self->mbtiles_row, _("No file chosen"));
  else
    adw_action_row_set_subtitle (self->mbtiles_row, path);
}

static void
mbtiles_checked_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CheckData *data = user_data;
  GfPreferencesWindow *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfMbtiles) mbtiles = gf_mbtiles_open_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      check_data_free (data);
      return;
    }

  g_clear_object (&self->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mbtiles_button), TRUE);

  if (mbtiles == NULL)
    {
      /* The settings keep the file that was there: nothing wrong is written. */
      show_mbtiles_status (self, error->message, TRUE);
    }
  else
    {
      g_autofree char *summary = NULL;
      g_autofree char *format = g_ascii_strup (gf_mbtiles_get_format (mbtiles), -1);

      summary = g_strdup_printf (
        /* Translators: “%s” is a tile file's name; %s its image format (PNG, JPG, WEBP);
         * %d–%d its zoom levels */
        _("“%s”: %s tiles, zoom levels %d–%d"),
        gf_mbtiles_get_name (mbtiles), format, gf_mbtiles_get_min_zoom (mbtiles),
        gf_mbtiles_get_max_zoom (mbtiles));
      show_mbtiles_status (self, summary, FALSE);

      if (data->store)
        {
          /* Two keys; the basemap rebuilds once, in an idle. */
          g_settings_set_string (self->settings, "basemap-mbtiles-path", data->path);
          g_settings_set_string (self->settings, "basemap-kind", "mbtiles");
        }
    }

  g_signal_emit (self, signals[MBTILES_CHECKED], 0, mbtiles != NULL);
  check_data_free (data);
}

static void
check_mbtiles (GfPreferencesWindow *self,
               const char          *path,
               gboolean             store)
{
  CheckData *data;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  data = g_new0 (CheckData, 1);
  data->self = g_object_ref (self);
  data->path = g_strdup (path);
  data->store = store;

  gtk_widget_set_sensitive (GTK_WIDGET (self->mbtiles_button), FALSE);
  show_mbtiles_status (self, _("Checking the file…"), FALSE);
  gf_mbtiles_open_async (path, self->cancellable, mbtiles_checked_cb, data);
}

static void
chooser_response_cb (GfPreferencesWindow  *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      gf_preferences_window_choose_mbtiles_file (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
mbtiles_button_clicked_cb (GfPreferencesWindow *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Choose an MBTiles File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  gtk_file_filter_set_name (filter, _("MBTiles files"));
  gtk_file_filter_add_pattern (filter, "*.mbtiles");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Online */

static guint
custom_index (GfPreferencesWindow *self)
{
  return self->n_presets;
}

/* The address the selected service stands for, or NULL for a custom one. */
static const GfBasemapPreset *
selected_preset (GfPreferencesWindow *self)
{
  guint n_presets;
  const GfBasemapPreset *presets = gf_basemap_get_presets (&n_presets);
  guint selected = adw_combo_row_get_selected (self->service_row);

  return selected < n_presets ? &presets[selected] : NULL;
}

static void
update_online_rows (GfPreferencesWindow *self)
{
  g_autofree char *kind = g_settings_get_string (self->settings, "basemap-kind");
  g_autofree char *template = g_settings_get_string (self->settings, "basemap-url-template");
  g_autofree char *key = g_settings_get_string (self->settings, "tianditu-key");
  const GfBasemapPreset *preset = selected_preset (self);
  gboolean online = g_str_equal (kind, "online");
  gboolean needs_key;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->service_row), online);
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), online);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tianditu_row), online);

  needs_key = preset != NULL ? gf_basemap_template_needs_key (preset->url_template)
                             : gf_basemap_template_needs_key (template);
  gtk_widget_set_visible (GTK_WIDGET (self->url_row), preset == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->tianditu_row), needs_key);

  /* What the map would say: an invalid address, a missing key. */
  g_strstrip (template);
  g_strstrip (key);
  if (online && *template != '\0')
    url = gf_basemap_expand_template (template, key, &error);

  gtk_label_set_text (self->online_status_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->online_status_row), error != NULL);
}

/* Selects the service of the stored address. */
static void
sync_service_row (GfPreferencesWindow *self)
{
  g_autofree char *template = g_settings_get_string (self->settings, "basemap-url-template");
  const GfBasemapPreset *preset = gf_basemap_find_preset (template);
  guint n_presets;
  const GfBasemapPreset *presets = gf_basemap_get_presets (&n_presets);
  guint selected;

  if (preset != NULL)
    selected = (guint) (preset - presets);
  else if (*template != '\0')
    selected = custom_index (self);
  else
    selected = adw_combo_row_get_selected (self->service_row);

  self->syncing = TRUE;
  adw_combo_row_set_selected (self->service_row, selected);
  self->syncing = FALSE;

  if (preset == NULL && *template != '\0'
      && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->url_row)), template) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), template);

  update_online_rows (self);
}

static void
service_row_selected_cb (GfPreferencesWindow *self)
{
  const GfBasemapPreset *preset;

  if (self->syncing || self->settings == NULL)
    return;

  preset = selected_preset (self);
  if (preset != NULL)
    {
      g_settings_set_string (self->settings, "basemap-url-template", preset->url_template);
    }
  else
    {
      g_autofree char *template = g_settings_get_string (self->settings,
                                                         "basemap-url-template");

      /* A custom address starts from the service's, and is stored once it is applied. */
      if (*gtk_editable_get_text (GTK_EDITABLE (self->url_row)) == '\0')
        gtk_editable_set_text (GTK_EDITABLE (self->url_row), template);
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
    }

  update_online_rows (self);
}

static void
url_row_applied_cb (GfPreferencesWindow *self)
{
  g_autofree char *template = g_strstrip (g_strdup (gtk_editable_get_text (
                                                      GTK_EDITABLE (self->url_row))));
  g_autoptr(GError) error = NULL;

  if (!gf_basemap_check_template (template, &error))
    {
      /* Not stored: the map keeps the address it had. */
      gtk_label_set_text (self->online_status_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->online_status_row), TRUE);
      return;
    }

  g_settings_set_string (self->settings, "basemap-url-template", template);
}

static void
tianditu_row_applied_cb (GfPreferencesWindow *self)
{
  g_autofree char *key = g_strstrip (g_strdup (gtk_editable_get_text (
                                                 GTK_EDITABLE (self->tianditu_row))));

  g_settings_set_string (self->settings, "tianditu-key", key);
}

static void
settings_changed_cb (GfPreferencesWindow *self,
                     const char          *key,
                     GSettings           *settings)
{
  if (g_str_equal (key, "basemap-mbtiles-path"))
    {
      update_mbtiles_row (self);
    }
  else if (g_str_equal (key, "basemap-url-template"))
    {
      sync_service_row (self);
    }
  else if (g_str_equal (key, "tianditu-key"))
    {
      g_autofree char *value = g_settings_get_string (settings, "tianditu-key");

      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->tianditu_row)), value) != 0)
        gtk_editable_set_text (GTK_EDITABLE (self->tianditu_row), value);
      update_online_rows (self);
    }
  else if (g_str_equal (key, "basemap-kind"))
    {
      g_autofree char *kind = g_settings_get_string (settings, "basemap-kind");
      g_autofree char *template = g_settings_get_string (settings, "basemap-url-template");
      const GfBasemapPreset *preset = selected_preset (self);

      /* Online without an address yet: the service the row shows is the one meant. */
      if (g_str_equal (kind, "online") && *template == '\0' && preset != NULL)
        g_settings_set_string (settings, "basemap-url-template", preset->url_template);
      update_online_rows (self);
    }
}

/* GObject */

static void
gf_preferences_window_dispose (GObject *object)
{
  GfPreferencesWindow *self = GF_PREFERENCES_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (gf_preferences_window_parent_class)->dispose (object);
}

static void
gf_preferences_window_class_init (GfPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_preferences_window_dispose;

  /**
   * GfPreferencesWindow::mbtiles-checked:
   * @valid: whether the file can be used
   *
   * Emitted when a chosen (or the stored) MBTiles file was checked, after its path was stored
   * or its problem shown.
   */
  signals[MBTILES_CHECKED] =
    g_signal_new ("mbtiles-checked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/gf-preferences-window.ui");

  /* Template widgets */
  gtk_widget_class_bind_template_child (widget_class, GfPreferencesWindow, mbtiles_row);
  gtk_widget_class_bind_template_child (widget_class, GfPreferencesWindow, mbtiles_button);
  gtk_widget_class_bind_template_child (widget_class, GfPreferencesWindow, mbtiles_status_row);
  gtk_widget_class_bind_template_child (widget_class, GfPreferencesWindow, mbtiles_status_label);
  gtk_widget_class_bind_template_child (widget_class, GfPreferencesWindow, service_row);
  gtk_widget_class_bind_template_child (widget_class, GfPreferencesWindow, service_items);
  gtk_widget_class_bind_template_child (widget_class, GfPreferencesWindow, url_row);
  gtk_widget_class_bind_template_child (widget_class, GfPreferencesWindow, tianditu_row);
  gtk_widget_class_bind_template_child (widget_class, GfPreferencesWindow, online_status_row);
  gtk_widget_class_bind_template_child (widget_class, GfPreferencesWindow, online_status_label);
  gtk_widget_class_bind_template_child (widget_class, GfPreferencesWindow, high_contrast_switch);
  gtk_widget_class_bind_template_callback (widget_class, mbtiles_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, service_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_row_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, tianditu_row_applied_cb);
}

static void
gf_preferences_window_init (GfPreferencesWindow *self)
{
  const GfBasemapPreset *presets;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Their apply buttons and the key's show-text button have a tooltip, and no name */
  gf_accessible_name_icon_buttons (GTK_WIDGET (self->url_row));
  gf_accessible_name_icon_buttons (GTK_WIDGET (self->tianditu_row));

  /* The services, then a custom address. */
  presets = gf_basemap_get_presets (&self->n_presets);
  self->syncing = TRUE;
  for (guint i = 0; i < self->n_presets; i++)
    gtk_string_list_append (self->service_items, _(presets[i].name));
  gtk_string_list_append (self->service_items, _("Custom Address"));
  self->syncing = FALSE;
}

/* Public API */

/**
 * gf_preferences_window_new:
 * @settings: the application's settings; a reference is taken
 *
 * Returns: (transfer none): the window; present it
 */
GfPreferencesWindow *
gf_preferences_window_new (GSettings *settings)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GAction) basemap_kind = NULL;
  g_autofree char *path = NULL;
  g_autofree char *key = NULL;
  GfPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (GF_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);

  basemap_kind = g_settings_create_action (settings, "basemap-kind");
  g_action_map_add_action (G_ACTION_MAP (group), basemap_kind);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "settings", G_ACTION_GROUP (group));

  g_settings_bind (settings, "high-contrast-charts", self->high_contrast_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  key = g_settings_get_string (settings, "tianditu-key");
  gtk_editable_set_text (GTK_EDITABLE (self->tianditu_row), key);

  g_signal_connect_object (settings, "changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_mbtiles_row (self);
  sync_service_row (self);

  /* Tell at once when the stored file went bad (moved, replaced); store nothing. */
  path = g_settings_get_string (settings, "basemap-mbtiles-path");
  if (*path != '\0')
    check_mbtiles (self, path, FALSE);

  return self;
}

/**
 * gf_preferences_window_choose_mbtiles_file:
 * @file: an MBTiles file, as the file chooser returns it
 *
 * Checks @file in a worker thread. A good file becomes the basemap (its path is stored and
 * the basemap kind set to MBTiles); a bad one is only explained under the row.
 * #GfPreferencesWindow::mbtiles-checked tells when it is done.
 */
void
gf_preferences_window_choose_mbtiles_file (GfPreferencesWindow *self,
                                           GFile               *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (GF_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_mbtiles_status (self, _("Only files on this computer can be used as a basemap."),
                           TRUE);
      g_signal_emit (self, signals[MBTILES_CHECKED], 0, FALSE);
      return;
    }

  check_mbtiles (self, path, TRUE);
}
