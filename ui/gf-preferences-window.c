/* gf-preferences-window.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences, each bound to GSettings: the basemap source (none, an MBTiles file, an online
 * template) and high-contrast charts. The map and the charts read the same keys.
 */

#define G_LOG_DOMAIN "gf-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "gf-preferences-window.h"

struct _GfPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwActionRow         *mbtiles_row;
  AdwEntryRow          *url_row;
  AdwPasswordEntryRow  *tianditu_row;
  GtkSwitch            *high_contrast_switch;

  /* Owned */
  GSettings            *settings;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (GfPreferencesWindow, gf_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

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
update_sensitivity (GfPreferencesWindow *self)
{
  g_autofree char *kind = g_settings_get_string (self->settings, "basemap-kind");

  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), g_str_equal (kind, "online"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->tianditu_row), g_str_equal (kind, "online"));
}

static void
settings_changed_cb (GfPreferencesWindow *self,
                     const char          *key,
                     GSettings           *settings)
{
  if (g_str_equal (key, "basemap-mbtiles-path"))
    update_mbtiles_row (self);
  else if (g_str_equal (key, "basemap-kind"))
    update_sensitivity (self);
}

static void
chooser_response_cb (GfPreferencesWindow  *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        {
          g_settings_set_string (self->settings, "basemap-mbtiles-path", path);
          g_settings_set_string (self->settings, "basemap-kind", "mbtiles");
        }
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

static void
gf_preferences_window_dispose (GObject *object)
{
  GfPreferencesWindow *self = GF_PREFERENCES_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/gf-preferences-window.ui");

  /* Template widgets */
  gtk_widget_class_bind_template_child (widget_class, GfPreferencesWindow, mbtiles_row);
  gtk_widget_class_bind_template_child (widget_class, GfPreferencesWindow, url_row);
  gtk_widget_class_bind_template_child (widget_class, GfPreferencesWindow, tianditu_row);
  gtk_widget_class_bind_template_child (widget_class, GfPreferencesWindow, high_contrast_switch);
  gtk_widget_class_bind_template_callback (widget_class, mbtiles_button_clicked_cb);
}

static void
gf_preferences_window_init (GfPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

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
  GfPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (GF_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);

  basemap_kind = g_settings_create_action (settings, "basemap-kind");
  g_action_map_add_action (G_ACTION_MAP (group), basemap_kind);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "settings", G_ACTION_GROUP (group));

  g_settings_bind (settings, "basemap-url-template", self->url_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "tianditu-key", self->tianditu_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "high-contrast-charts", self->high_contrast_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (settings, "changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_mbtiles_row (self);
  update_sensitivity (self);

  return self;
}
