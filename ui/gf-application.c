/* gf-application.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application: its actions and shortcuts, the About and Preferences windows, and which
 * database the window opens at start (GF_DATABASE, the last one, or the default one with the
 * first-run page).
 */

#define G_LOG_DOMAIN "gf-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "gf-application.h"
#include "gf-preferences-window.h"
#include "gf-window.h"

struct _GfApplication
{
  AdwApplication  parent_instance;

  /* Owned */
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (GfApplication, gf_application, ADW_TYPE_APPLICATION)

static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "win.new-database", { "<Control>n", NULL } },
  { "win.open-database", { "<Control>o", NULL } },
  { "win.import", { "<Control>i", NULL } },
  { "win.export", { "<Control>e", NULL } },
  { "win.briefings", { "<Control>b", NULL } },
  { "win.toggle-fullscreen", { "F11", NULL } },
  { "win.show-view::map", { "<Alt>1", NULL } },
  { "win.show-view::charts", { "<Alt>2", NULL } },
  { "win.show-view::leaderboard", { "<Alt>3", NULL } },
  { "win.show-view::records", { "<Alt>4", NULL } },
  { "window.close", { "<Control>w", NULL } },
};

static GfWindow *
get_window (GfApplication *self)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  for (const GList *l = windows; l != NULL; l = l->next)
    {
      if (GF_IS_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}

static GfWindow *
ensure_window (GfApplication *self,
               gboolean      *created)
{
  GfWindow *window = get_window (self);

  *created = window == NULL;
  if (window == NULL)
    window = gf_window_new (self);

  return window;
}

/* Opens the database the window starts with. GF_DATABASE overrides everything and is not
 * remembered (tests and screenshots use it); otherwise the last database, or the default one
 * in the user data folder, which on a first run is created and greeted with the first-run page. */
static void
open_startup_database (GfApplication *self,
                       GfWindow      *window)
{
  g_autofree char *last = g_settings_get_string (self->settings, "last-database");
  g_autofree char *path = NULL;
  const char *override = g_getenv ("GF_DATABASE");
  gboolean first_run = FALSE;
  gboolean remember = TRUE;
  gboolean last_missing = FALSE;

  if (override != NULL && *override != '\0')
    {
      path = g_strdup (override);
      first_run = !g_file_test (path, G_FILE_TEST_EXISTS);
      remember = FALSE;
    }
  else if (*last != '\0' && g_file_test (last, G_FILE_TEST_EXISTS))
    {
      path = g_steal_pointer (&last);
    }
  else
    {
      g_autofree char *dir = NULL;

      last_missing = *last != '\0';
      path = gf_application_get_default_database ();
      dir = g_path_get_dirname (path);
      if (g_mkdir_with_parents (dir, 0750) != 0)
        g_warning ("Could not create %s: %s", dir, g_strerror (errno));
      first_run = TRUE;
    }

  if (!gf_window_open_path (window, path, first_run, remember))
    gf_window_set_database (window, NULL, TRUE);
  else if (last_missing)
    {
      g_autofree char *message = NULL;

      /* Translators: shown at start when the database used last time was moved or deleted */
      message = g_strdup_printf (_("The last database “%s” was not found; the default database "
                                   "is open"), last);
      gf_window_add_toast (window, message);
    }
}

/* Han characters are shared by Chinese, Japanese and Korean, and their shapes differ (直, 骨).
 * Under a C or POSIX locale Pango gives Han text the language "c", which it takes to cover every
 * script, so neither the locale nor PANGO_LANGUAGE reaches fontconfig, and fontconfig's order
 * picks Noto Sans CJK JP. The district writes Simplified Chinese: unless the locale already
 * chooses the shapes (zh_CN, ja, ko, zh_TW, …), name a Simplified Chinese font right after the
 * interface font, so Latin text keeps the interface font and Han text gets SC shapes. */
static gboolean
language_picks_han_shapes (PangoLanguage *language)
{
  static const char * const languages[] = { "zh", "ja", "ko" };
  const char *code = pango_language_to_string (language);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      if (g_str_has_prefix (code, languages[i]))
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_family (PangoFontMap *font_map,
            const char   *name)
{
  g_autofree PangoFontFamily **families = NULL;
  int n_families;

  pango_font_map_list_families (font_map, &families, &n_families);
  for (int i = 0; i < n_families; i++)
    {
      if (g_ascii_strcasecmp (pango_font_family_get_name (families[i]), name) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
prefer_simplified_han_font (void)
{
  static const char * const sc_families[] = {
    "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Noto Sans SC",
    "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
  };
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  g_autoptr(PangoFont) font = NULL;
  g_autoptr(PangoFontDescription) interface_description = NULL;
  g_autoptr(PangoFontDescription) used = NULL;
  g_autoptr(GtkCssProvider) provider = NULL;
  g_autoptr(GString) css = NULL;
  g_autofree char *font_name = NULL;
  const char *sc_family = NULL;
  PangoContext *context;
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL || language_picks_han_shapes (gtk_get_default_language ()))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (sc_families) && sc_family == NULL; i++)
    {
      if (has_family (font_map, sc_families[i]))
        sc_family = sc_families[i];
    }
  if (sc_family == NULL)
    return;

  /* The font the interface really uses: the configured one may not be installed. */
  g_object_get (gtk_settings_get_for_display (display), "gtk-font-name", &font_name, NULL);
  interface_description = pango_font_description_from_string (font_name ? font_name : "Sans");
  context = pango_font_map_create_context (font_map);
  font = pango_font_map_load_font (font_map, context, interface_description);
  g_object_unref (context);
  if (font == NULL)
    return;
  used = pango_font_describe (font);

  css = g_string_new ("window, tooltip { font-family: ");
  g_string_append_printf (css, "\"%s\", \"%s\", sans-serif; }",
                          pango_font_description_get_family (used), sc_family);
  g_debug ("Han text: %s", css->str);

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css->str, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GfApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing through the window lets it save its size and cancel running work. */
  while (windows != NULL)
    {
      GtkWindow *window = windows->data;

      windows = windows->next;
      gtk_window_close (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GfApplication *self = user_data;
  static const char *developers[] = { "The Gongfu Atlas authors", NULL };
  GtkWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "modal", TRUE,
                        "application-name", _("Gongfu Atlas"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _("Village clusters, indicators and the common-prosperity "
                                      "competition of a rural district on one map"),
                        "developer-name", _("The Gongfu Atlas authors"),
                        "developers", developers,
                        /* Translators: replace with your names, one per line */
                        "translator-credits", _("translator-credits"),
                        "copyright", "© 2026 The Gongfu Atlas authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        NULL);
  gtk_window_present (about);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GfApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GfPreferencesWindow *preferences;

  preferences = gf_preferences_window_new (self->settings);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
};

static void
gf_application_startup (GApplication *application)
{
  GfApplication *self = GF_APPLICATION (application);

  G_APPLICATION_CLASS (gf_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  gtk_window_set_default_icon_name (APP_ID);
  prefer_simplified_han_font ();
}

static void
gf_application_activate (GApplication *application)
{
  GfApplication *self = GF_APPLICATION (application);
  gboolean created;
  GfWindow *window = ensure_window (self, &created);

  /* Present first: an error dialog about the database must come above its window. */
  gtk_window_present (GTK_WINDOW (window));
  if (created)
    open_startup_database (self, window);
}

static void
gf_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  GfApplication *self = GF_APPLICATION (application);
  g_autofree char *path = NULL;
  gboolean created;
  GfWindow *window;

  g_return_if_fail (n_files > 0);

  if (n_files > 1)
    g_message ("Only one database can be open; opening %s", g_file_peek_path (files[0]));

  window = ensure_window (self, &created);
  gtk_window_present (GTK_WINDOW (window));
  path = g_file_get_path (files[0]);

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (files[0]);

      gf_window_show_error (window, _("Could not open the database"),
                            _("Only files on this computer can be opened"));
      g_message ("Not a local file: %s", uri);
      if (created)
        open_startup_database (self, window);
    }
  else if (!gf_window_open_path (window, path, FALSE, TRUE) && created)
    {
      /* The error dialog is shown; the window still needs a database behind it. */
      open_startup_database (self, window);
    }
}

static void
gf_application_dispose (GObject *object)
{
  GfApplication *self = GF_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gf_application_parent_class)->dispose (object);
}

static void
gf_application_class_init (GfApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = gf_application_dispose;

  app_class->startup = gf_application_startup;
  app_class->activate = gf_application_activate;
  app_class->open = gf_application_open;
}

static void
gf_application_init (GfApplication *self)
{
  self->settings = g_settings_new (GF_SETTINGS_SCHEMA_ID);
}

GfApplication *
gf_application_new (void)
{
  return g_object_new (GF_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       NULL);
}

/**
 * gf_application_get_settings:
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
gf_application_get_settings (GfApplication *self)
{
  g_return_val_if_fail (GF_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * gf_application_get_default_database:
 *
 * Returns: (transfer full): the database created on a first run, in the user data folder
 */
char *
gf_application_get_default_database (void)
{
  return g_build_filename (g_get_user_data_dir (), "gongfu-atlas", "district.sqlite", NULL);
}
