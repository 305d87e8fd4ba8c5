/* gf-basemap.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the map draws under the project's layers, as the settings say (basemap-kind,
 * basemap-mbtiles-path, basemap-url-template, tianditu-key):
 *
 *   none     nothing: no layer, no downloader, no network request at all (the default);
 *   mbtiles  a ShumateMapLayer over GfMbtilesSource: the file is opened and checked in a
 *            worker thread, its tiles read and decoded in worker threads;
 *   online   a ShumateMapLayer over a ShumateRasterRenderer over a ShumateTileDownloader for
 *            the address template, plus a second one for the label layer of Tianditu's vec_w
 *            and img_w (cva_w, cia_w). {tk} in a template stands for the Tianditu key.
 *
 * A GfBasemap follows the settings by itself and rebuilds its layers in the map it is attached
 * to, right behind the layer it was given (the map view's feature tiles). Whatever fails
 * (no file, a vector file, no key, a server that does not answer) leaves the map working
 * without a basemap and is told in the `error` property, which the map page shows. Failed
 * tiles stay blank: libshumate 1.0's map layer does not ask again for a tile that failed,
 * so an unreachable server costs one request per tile position, not a retry loop.
 *
 * The online sources are wrapped in GfWatchedSource, which forwards every tile to the
 * renderer and reports how it went, so that a server that does not answer is noticed.
 * ShumateTileDownloader keeps a file cache in the user cache folder (shumate/cache.db); it is
 * only created when the basemap is online.
 */

#define G_LOG_DOMAIN "gf-basemap"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gf-application.h"
#include "gf-basemap.h"
#include "gf-mbtiles-source.h"

/* Failed tiles in a row, without one that loaded, before the service is said to be down:
 * one screen asks for about twenty tiles at once. */
#define FAILURE_THRESHOLD 4

#define TIANDITU_WMTS(layer) \
  "http://t0.tianditu.gov.cn/" layer "_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0" \
  "&LAYER=" layer "&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles" \
  "&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={tk}"

static const GfBasemapPreset presets[] = {
  {
    .id = "osm",
    .name = N_("OpenStreetMap"),
    .url_template = "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    .label_template = NULL,
    .license = N_("© OpenStreetMap contributors"),
    .license_uri = "https://www.openstreetmap.org/copyright",
    .max_zoom = 19,
  },
  {
    .id = "tianditu-vec",
    .name = N_("Tianditu Vector Map"),
    .url_template = TIANDITU_WMTS ("vec"),
    .label_template = TIANDITU_WMTS ("cva"),
    .license = N_("© Tianditu"),
    .license_uri = "https://www.tianditu.gov.cn/",
    .max_zoom = 18,
  },
  {
    .id = "tianditu-img",
    .name = N_("Tianditu Imagery"),
    .url_template = TIANDITU_WMTS ("img"),
    .label_template = TIANDITU_WMTS ("cia"),
    .license = N_("© Tianditu"),
    .license_uri = "https://www.tianditu.gov.cn/",
    .max_zoom = 18,
  },
};

/* GfWatchedSource: forwards tiles to another map source and reports each outcome. */

#define GF_TYPE_WATCHED_SOURCE (gf_watched_source_get_type ())

G_DECLARE_FINAL_TYPE (GfWatchedSource, gf_watched_source, GF, WATCHED_SOURCE, ShumateMapSource)

struct _GfWatchedSource
{
  ShumateMapSource  parent_instance;

  ShumateMapSource *inner;
};

G_DEFINE_FINAL_TYPE (GfWatchedSource, gf_watched_source, SHUMATE_TYPE_MAP_SOURCE)

enum {
  WATCHED_TILE_DONE,
  N_WATCHED_SIGNALS
};

static guint watched_signals[N_WATCHED_SIGNALS];

static void
watched_inner_filled_cb (GObject      *source_object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GfWatchedSource *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (source_object), result, &error))
    {
      g_signal_emit (self, watched_signals[WATCHED_TILE_DONE], 0, NULL);
      g_task_return_boolean (task, TRUE);
    }
  else
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, watched_signals[WATCHED_TILE_DONE], 0, error);
      g_task_return_error (task, g_steal_pointer (&error));
    }
}

static void
gf_watched_source_fill_tile_async (ShumateMapSource    *source,
                                   ShumateTile         *tile,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GfWatchedSource *self = GF_WATCHED_SOURCE (source);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, gf_watched_source_fill_tile_async);
  shumate_map_source_fill_tile_async (self->inner, tile, cancellable, watched_inner_filled_cb,
                                      task);
}

static gboolean
gf_watched_source_fill_tile_finish (ShumateMapSource  *source,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
gf_watched_source_finalize (GObject *object)
{
  GfWatchedSource *self = GF_WATCHED_SOURCE (object);

  g_clear_object (&self->inner);

  G_OBJECT_CLASS (gf_watched_source_parent_class)->finalize (object);
}

static void
gf_watched_source_class_init (GfWatchedSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->finalize = gf_watched_source_finalize;
  source_class->fill_tile_async = gf_watched_source_fill_tile_async;
  source_class->fill_tile_finish = gf_watched_source_fill_tile_finish;

  /**
   * GfWatchedSource::tile-done:
   * @error: (nullable): why the tile failed, or %NULL when it loaded
   *
   * Emitted for every tile that loaded or failed (not for cancelled ones).
   */
  watched_signals[WATCHED_TILE_DONE] =
    g_signal_new ("tile-done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
gf_watched_source_init (GfWatchedSource *self)
{
}

static ShumateMapSource *
gf_watched_source_new (ShumateMapSource *inner)
{
  GfWatchedSource *self = g_object_new (GF_TYPE_WATCHED_SOURCE, NULL);
  ShumateMapSource *source = SHUMATE_MAP_SOURCE (self);
  g_autofree char *id = g_strconcat ("gf-watched-", shumate_map_source_get_id (inner), NULL);

  self->inner = g_object_ref (inner);
  shumate_map_source_set_id (source, id);
  shumate_map_source_set_name (source, shumate_map_source_get_name (inner));
  shumate_map_source_set_license (source, shumate_map_source_get_license (inner));
  shumate_map_source_set_license_uri (source, shumate_map_source_get_license_uri (inner));
  shumate_map_source_set_tile_size (source, shumate_map_source_get_tile_size (inner));
  shumate_map_source_set_min_zoom_level (source, shumate_map_source_get_min_zoom_level (inner));
  shumate_map_source_set_max_zoom_level (source, shumate_map_source_get_max_zoom_level (inner));
  shumate_map_source_set_projection (source, SHUMATE_MAP_PROJECTION_MERCATOR);

  return source;
}

/* GfBasemap */

struct _GfBasemap
{
  GObject        parent_instance;

  /* Owned */
  GSettings     *settings;
  GPtrArray     *sources;        /* ShumateMapSource*, bottom first */
  GPtrArray     *layers;         /* ShumateLayer*, in the map while attached */
  GCancellable  *cancellable;    /* the file being opened */
  char          *description;
  char          *attribution;
  char          *error;
  char          *host;           /* of the online service, for messages */

  /* Weak */
  ShumateMap    *map;
  ShumateLayer  *next_layer;

  GfBasemapKind  kind;
  guint          reload_idle_id;
  guint          n_loaded;
  guint          n_failed_in_row;
  guint          loading : 1;
  guint          runtime_error : 1;  /* the error came from tiles, not from the settings */
};

G_DEFINE_FINAL_TYPE (GfBasemap, gf_basemap, G_TYPE_OBJECT)

G_DEFINE_QUARK (gf-basemap-error-quark, gf_basemap_error)

enum {
  PROP_0,
  PROP_KIND,
  PROP_DESCRIPTION,
  PROP_ERROR,
  PROP_LOADING,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_string (GfBasemap   *self,
            char       **field,
            const char  *value,
            int          prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  if (prop_id > 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_error (GfBasemap  *self,
           const char *message,
           gboolean    runtime)
{
  self->runtime_error = message != NULL && runtime;
  set_string (self, &self->error, message, PROP_ERROR);
}

static void
set_loading (GfBasemap *self,
             gboolean   loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_kind (GfBasemap     *self,
          GfBasemapKind  kind)
{
  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

static void
remove_layers (GfBasemap *self)
{
  for (guint i = 0; i < self->layers->len; i++)
    {
      ShumateLayer *layer = g_ptr_array_index (self->layers, i);

      if (self->map != NULL && gtk_widget_get_parent (GTK_WIDGET (layer)) == GTK_WIDGET (self->map))
        shumate_map_remove_layer (self->map, layer);
    }
  g_ptr_array_set_size (self->layers, 0);
}

/* Puts a layer per source into the map, bottom first, right behind the next layer. */
static void
add_layers (GfBasemap *self)
{
  ShumateViewport *viewport;
  ShumateLayer *previous = NULL;
  ShumateLayer *next = self->next_layer;

  g_assert (self->layers->len == 0);

  if (self->map == NULL)
    return;

  viewport = shumate_map_get_viewport (self->map);
  if (next != NULL && gtk_widget_get_parent (GTK_WIDGET (next)) != GTK_WIDGET (self->map))
    next = NULL;

  for (guint i = 0; i < self->sources->len; i++)
    {
      ShumateMapSource *source = g_ptr_array_index (self->sources, i);
      ShumateLayer *layer = SHUMATE_LAYER (shumate_map_layer_new (source, viewport));

      /* The layers only draw; clicks go to the map and its gestures. */
      gtk_widget_set_can_target (GTK_WIDGET (layer), FALSE);
      if (next != NULL)
        shumate_map_insert_layer_behind (self->map, layer, next);
      else
        shumate_map_insert_layer_above (self->map, layer, previous);
      g_ptr_array_add (self->layers, g_object_ref (layer));
      previous = layer;
    }
}

static void
set_sources (GfBasemap *self,
             GPtrArray *sources)
{
  remove_layers (self);
  g_ptr_array_set_size (self->sources, 0);
  if (sources != NULL)
    for (guint i = 0; i < sources->len; i++)
      g_ptr_array_add (self->sources, g_object_ref (g_ptr_array_index (sources, i)));
  add_layers (self);

  g_signal_emit (self, signals[CHANGED], 0);
}

/* Drops HTML tags, as MBTiles attributions often are links. */
static char *
strip_tags (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean in_tag = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      else if (*p == '>')
        in_tag = FALSE;
      else if (!in_tag)
        g_string_append_c (out, *p);
    }

  g_strstrip (out->str);
  return g_string_free (out, FALSE);
}

static void
tile_done_cb (GfBasemap    *self,
              const GError *error,
              gpointer      source)
{
  if (error == NULL)
    {
      self->n_loaded++;
      self->n_failed_in_row = 0;
      if (self->runtime_error)
        set_error (self, NULL, FALSE);
      return;
    }

  self->n_failed_in_row++;
  g_debug ("Tile failed: %s", error->message);

  if (self->n_failed_in_row == FAILURE_THRESHOLD && (self->error == NULL || self->runtime_error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, SHUMATE_TILE_DOWNLOADER_ERROR,
                           SHUMATE_TILE_DOWNLOADER_ERROR_BAD_RESPONSE))
        message = g_strdup_printf (
          /* Translators: the first %s is a host name, the second the server's reason */
          _("The map service %s answers with errors (%s). Check the address and the key in "
            "Preferences. The map works without the basemap."),
          self->host, error->message);
      else
        message = g_strdup_printf (
          /* Translators: the first %s is a host name, the second the reason */
          _("The map service %s cannot be reached (%s). The map works without the basemap; "
            "its tiles appear once the service answers."),
          self->host, error->message);

      set_error (self, message, TRUE);
    }
}

static ShumateMapSource *
create_online_source (GfBasemap             *self,
                      const char            *url,
                      const GfBasemapPreset *preset,
                      const char            *name)
{
  static guint counter;
  g_autoptr(ShumateTileDownloader) downloader = shumate_tile_downloader_new (url);
  g_autoptr(ShumateRasterRenderer) renderer = NULL;
  g_autofree char *id = g_strdup_printf ("gf-online-%u", ++counter);
  ShumateMapSource *watched;

  renderer = shumate_raster_renderer_new_full (id, name,
                                               preset != NULL ? _(preset->license) : "",
                                               preset != NULL ? preset->license_uri : "",
                                               0, preset != NULL ? preset->max_zoom : 19,
                                               256, SHUMATE_MAP_PROJECTION_MERCATOR,
                                               SHUMATE_DATA_SOURCE (downloader));
  watched = gf_watched_source_new (SHUMATE_MAP_SOURCE (renderer));
  g_signal_connect_object (watched, "tile-done", G_CALLBACK (tile_done_cb), self,
                           G_CONNECT_SWAPPED);

  return watched;
}

static void
set_user_agent_once (void)
{
  static gsize done;

  /* Tile servers (OpenStreetMap's policy) ask to be told which application asks. */
  if (g_once_init_enter (&done))
    {
      g_autofree char *agent = g_strdup_printf ("gongfu-atlas/%s %s", PACKAGE_VERSION,
                                                shumate_get_user_agent ());

      shumate_set_user_agent (agent);
      g_once_init_leave (&done, 1);
    }
}

static void
load_online (GfBasemap *self)
{
  g_autofree char *template = g_settings_get_string (self->settings, "basemap-url-template");
  g_autofree char *key = g_settings_get_string (self->settings, "tianditu-key");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *url = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GUri) uri = NULL;
  const GfBasemapPreset *preset;

  g_strstrip (template);
  g_strstrip (key);

  if (*template == '\0')
    {
      set_error (self, _("No map service is set. Choose one in Preferences; until then the map "
                         "has a plain background."), FALSE);
      return;
    }

  url = gf_basemap_expand_template (template, key, &error);
  if (url == NULL)
    {
      set_error (self, error->message, FALSE);
      return;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL);
  g_free (self->host);
  self->host = g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri)
                                                                       : url);

  preset = gf_basemap_find_preset (template);
  name = g_strdup (preset != NULL ? _(preset->name) : self->host);
  set_user_agent_once ();
  g_ptr_array_add (sources, create_online_source (self, url, preset, name));

  if (preset != NULL && preset->label_template != NULL)
    {
      g_autofree char *labels = gf_basemap_expand_template (preset->label_template, key, NULL);

      g_assert (labels != NULL);
      g_ptr_array_add (sources, create_online_source (self, labels, preset, name));
    }

  /* Translators: %s is the name of a web map service, or its host */
  description = g_strdup_printf (_("Basemap: %s, fetched online"), name);
  set_string (self, &self->description, description, PROP_DESCRIPTION);
  set_string (self, &self->attribution, preset != NULL ? _(preset->license) : NULL, 0);
  set_sources (self, sources);
}

static void
mbtiles_opened_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GfBasemap) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfMbtiles) mbtiles = gf_mbtiles_open_finish (result, &error);
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *description = NULL;
  g_autofree char *attribution = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);

  if (mbtiles == NULL)
    {
      g_autofree char *message = g_strdup_printf (
        /* Translators: %s is why a tile file cannot be used; it ends with a full stop */
        _("%s The map has a plain background until another file is chosen in Preferences."),
        error->message);

      set_error (self, message, FALSE);
      g_signal_emit (self, signals[CHANGED], 0);
      return;
    }

  sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (sources, gf_mbtiles_source_new (mbtiles));

  description = g_strdup_printf (
    /* Translators: %s is the name of a tile file; %d–%d its zoom levels */
    _("Basemap: %s, an offline tile file (zoom levels %d–%d)"),
    gf_mbtiles_get_name (mbtiles), gf_mbtiles_get_min_zoom (mbtiles),
    gf_mbtiles_get_max_zoom (mbtiles));
  if (gf_mbtiles_get_attribution (mbtiles) != NULL)
    attribution = strip_tags (gf_mbtiles_get_attribution (mbtiles));

  set_string (self, &self->description, description, PROP_DESCRIPTION);
  set_string (self, &self->attribution, attribution != NULL && *attribution ? attribution : NULL,
              0);
  set_sources (self, sources);
}

static void
load_mbtiles (GfBasemap *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "basemap-mbtiles-path");

  if (*path == '\0')
    {
      set_error (self, _("No MBTiles file is chosen. Choose one in Preferences; until then the "
                         "map has a plain background."), FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  gf_mbtiles_open_async (path, self->cancellable, mbtiles_opened_cb, g_object_ref (self));
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  GfBasemap *self = user_data;

  self->reload_idle_id = 0;
  gf_basemap_reload (self);

  return G_SOURCE_REMOVE;
}

static void
settings_changed_cb (GfBasemap  *self,
                     const char *key,
                     GSettings  *settings)
{
  if (!g_str_equal (key, "basemap-kind") && !g_str_equal (key, "basemap-mbtiles-path")
      && !g_str_equal (key, "basemap-url-template") && !g_str_equal (key, "tianditu-key"))
    return;

  /* The preferences set several keys at once (a file, then the kind): rebuild once. */
  if (self->reload_idle_id == 0)
    self->reload_idle_id = g_idle_add (reload_idle_cb, self);
}

/* GObject */

static void
gf_basemap_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GfBasemap *self = GF_BASEMAP (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gf_basemap_dispose (GObject *object)
{
  GfBasemap *self = GF_BASEMAP (object);

  g_clear_handle_id (&self->reload_idle_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gf_basemap_detach (self);
  if (self->sources != NULL)
    g_ptr_array_set_size (self->sources, 0);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gf_basemap_parent_class)->dispose (object);
}

static void
gf_basemap_finalize (GObject *object)
{
  GfBasemap *self = GF_BASEMAP (object);

  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->layers, g_ptr_array_unref);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->attribution, g_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->host, g_free);

  G_OBJECT_CLASS (gf_basemap_parent_class)->finalize (object);
}

static void
gf_basemap_class_init (GfBasemapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = gf_basemap_get_property;
  object_class->dispose = gf_basemap_dispose;
  object_class->finalize = gf_basemap_finalize;

  /**
   * GfBasemap:kind:
   *
   * The #GfBasemapKind the settings ask for.
   */
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, GF_BASEMAP_NONE, GF_BASEMAP_ONLINE, GF_BASEMAP_NONE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GfBasemap:description:
   *
   * What the basemap shows, in a sentence for users, or %NULL without a basemap.
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GfBasemap:error:
   *
   * Why the basemap the settings ask for is not (fully) shown, for users, or %NULL.
   */
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GfBasemap:loading:
   *
   * Whether a tile file is being opened and checked.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GfBasemap::changed:
   *
   * Emitted when the basemap was rebuilt from the settings: its layers, its description or
   * its error may have changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
gf_basemap_init (GfBasemap *self)
{
  self->sources = g_ptr_array_new_with_free_func (g_object_unref);
  self->layers = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Public API */

/**
 * gf_basemap_new:
 * @settings: (nullable): the settings to follow; %NULL for the application's
 *
 * Creates the basemap the settings ask for, and rebuilds it whenever they change. Nothing is
 * drawn until it is attached to a map.
 *
 * Returns: (transfer full): a new basemap
 */
GfBasemap *
gf_basemap_new (GSettings *settings)
{
  GfBasemap *self;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (GF_TYPE_BASEMAP, NULL);
  self->settings = settings != NULL ? g_object_ref (settings)
                                    : g_settings_new (GF_SETTINGS_SCHEMA_ID);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gf_basemap_reload (self);

  return self;
}

/**
 * gf_basemap_attach:
 * @map: the map to draw in; not referenced (the basemap lets go when it is finalized)
 * @next_layer: (nullable): a layer of @map the basemap goes behind; %NULL for the bottom
 *
 * Puts the basemap's layers into @map, and keeps them there as the settings change.
 */
void
gf_basemap_attach (GfBasemap    *self,
                   ShumateMap   *map,
                   ShumateLayer *next_layer)
{
  g_return_if_fail (GF_IS_BASEMAP (self));
  g_return_if_fail (SHUMATE_IS_MAP (map));
  g_return_if_fail (next_layer == NULL || SHUMATE_IS_LAYER (next_layer));

  gf_basemap_detach (self);

  self->map = map;
  g_object_add_weak_pointer (G_OBJECT (map), (gpointer *) &self->map);
  if (next_layer != NULL)
    {
      self->next_layer = next_layer;
      g_object_add_weak_pointer (G_OBJECT (next_layer), (gpointer *) &self->next_layer);
    }

  add_layers (self);
}

/**
 * gf_basemap_detach:
 *
 * Takes the basemap's layers out of the map it was attached to.
 */
void
gf_basemap_detach (GfBasemap *self)
{
  g_return_if_fail (GF_IS_BASEMAP (self));

  remove_layers (self);
  if (self->map != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->map), (gpointer *) &self->map);
  if (self->next_layer != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->next_layer), (gpointer *) &self->next_layer);
  self->map = NULL;
  self->next_layer = NULL;
}

/**
 * gf_basemap_reload:
 *
 * Rebuilds the basemap from the settings now (it does so by itself, in an idle, when they
 * change). A tile file is opened in a worker thread: #GfBasemap:loading is %TRUE until then.
 */
void
gf_basemap_reload (GfBasemap *self)
{
  g_return_if_fail (GF_IS_BASEMAP (self));

  g_clear_handle_id (&self->reload_idle_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);

  self->n_loaded = 0;
  self->n_failed_in_row = 0;
  g_object_freeze_notify (G_OBJECT (self));
  set_error (self, NULL, FALSE);
  set_string (self, &self->description, NULL, PROP_DESCRIPTION);
  set_string (self, &self->attribution, NULL, 0);
  set_sources (self, NULL);
  set_kind (self, g_settings_get_enum (self->settings, "basemap-kind"));

  switch (self->kind)
    {
    case GF_BASEMAP_MBTILES:
      load_mbtiles (self);
      break;

    case GF_BASEMAP_ONLINE:
      load_online (self);
      break;

    case GF_BASEMAP_NONE:
    default:
      break;
    }

  g_object_thaw_notify (G_OBJECT (self));
}

GfBasemapKind
gf_basemap_get_kind (GfBasemap *self)
{
  g_return_val_if_fail (GF_IS_BASEMAP (self), GF_BASEMAP_NONE);

  return self->kind;
}

/**
 * gf_basemap_get_description:
 *
 * Returns: (nullable): what the basemap shows, in a sentence for users
 */
const char *
gf_basemap_get_description (GfBasemap *self)
{
  g_return_val_if_fail (GF_IS_BASEMAP (self), NULL);

  return self->description;
}

/**
 * gf_basemap_get_attribution:
 *
 * Returns: (nullable): the credit its tiles ask for, as plain text
 */
const char *
gf_basemap_get_attribution (GfBasemap *self)
{
  g_return_val_if_fail (GF_IS_BASEMAP (self), NULL);

  return self->attribution;
}

/**
 * gf_basemap_get_error:
 *
 * Returns: (nullable): why the basemap is not (fully) shown, for users
 */
const char *
gf_basemap_get_error (GfBasemap *self)
{
  g_return_val_if_fail (GF_IS_BASEMAP (self), NULL);

  return self->error;
}

gboolean
gf_basemap_get_loading (GfBasemap *self)
{
  g_return_val_if_fail (GF_IS_BASEMAP (self), FALSE);

  return self->loading;
}

/**
 * gf_basemap_get_n_layers:
 *
 * Returns: the layers the basemap has (or would have, while detached)
 */
guint
gf_basemap_get_n_layers (GfBasemap *self)
{
  g_return_val_if_fail (GF_IS_BASEMAP (self), 0);

  return self->sources->len;
}

/**
 * gf_basemap_get_layer:
 * @index: 0 for the bottom layer
 *
 * Returns: (transfer none) (nullable): the layer in the map, %NULL while detached
 */
ShumateLayer *
gf_basemap_get_layer (GfBasemap *self,
                      guint      index)
{
  g_return_val_if_fail (GF_IS_BASEMAP (self), NULL);

  return index < self->layers->len ? g_ptr_array_index (self->layers, index) : NULL;
}

/**
 * gf_basemap_get_presets:
 * @n_presets: (out): their number
 *
 * Returns: (array length=n_presets) (transfer none): the web map services offered
 */
const GfBasemapPreset *
gf_basemap_get_presets (guint *n_presets)
{
  g_return_val_if_fail (n_presets != NULL, NULL);

  *n_presets = G_N_ELEMENTS (presets);
  return presets;
}

/**
 * gf_basemap_find_preset:
 * @url_template: (nullable): a tile address template, as in the settings
 *
 * Returns: (nullable) (transfer none): the preset of that address
 */
const GfBasemapPreset *
gf_basemap_find_preset (const char *url_template)
{
  if (url_template == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_str_equal (presets[i].url_template, url_template))
      return &presets[i];

  return NULL;
}

/**
 * gf_basemap_check_template:
 * @url_template: a tile address template
 *
 * Checks that @url_template is an http or https address with {x}, {y} and {z}.
 *
 * Returns: %FALSE with a #GF_BASEMAP_ERROR_INVALID_TEMPLATE error to show next to the entry
 */
gboolean
gf_basemap_check_template (const char  *url_template,
                           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  g_return_val_if_fail (url_template != NULL, FALSE);

  if (*url_template == '\0')
    {
      g_set_error_literal (error, GF_BASEMAP_ERROR, GF_BASEMAP_ERROR_NO_TEMPLATE,
                           _("Enter the address of the tiles."));
      return FALSE;
    }

  uri = g_uri_parse (url_template, G_URI_FLAGS_PARSE_RELAXED, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || scheme == NULL
      || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
      || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || strpbrk (url_template, " \t\r\n") != NULL)
    {
      g_set_error_literal (error, GF_BASEMAP_ERROR, GF_BASEMAP_ERROR_INVALID_TEMPLATE,
                           _("The tile address must begin with http:// or https:// and contain "
                             "no spaces."));
      return FALSE;
    }

  if (strstr (url_template, "{x}") == NULL || strstr (url_template, "{y}") == NULL
      || strstr (url_template, "{z}") == NULL)
    {
      g_set_error_literal (error, GF_BASEMAP_ERROR, GF_BASEMAP_ERROR_INVALID_TEMPLATE,
                           _("The tile address must contain {x}, {y} and {z}, which stand for "
                             "the column, the row and the zoom level of each tile."));
      return FALSE;
    }

  return TRUE;
}

/**
 * gf_basemap_template_needs_key:
 *
 * Returns: whether @url_template has a {tk} for the Tianditu key
 */
gboolean
gf_basemap_template_needs_key (const char *url_template)
{
  return url_template != NULL && strstr (url_template, "{tk}") != NULL;
}

/**
 * gf_basemap_expand_template:
 * @url_template: a tile address template
 * @key: (nullable): the Tianditu key, put in place of {tk}
 *
 * Returns: (transfer full) (nullable): the template for the downloader, or %NULL with a
 *   #GF_BASEMAP_ERROR (an invalid template, or {tk} without a key)
 */
char *
gf_basemap_expand_template (const char  *url_template,
                            const char  *key,
                            GError     **error)
{
  g_autofree char *escaped = NULL;
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (url_template != NULL, NULL);

  if (!gf_basemap_check_template (url_template, error))
    return NULL;

  if (!gf_basemap_template_needs_key (url_template))
    return g_strdup (url_template);

  if (key == NULL || *key == '\0')
    {
      g_set_error_literal (error, GF_BASEMAP_ERROR, GF_BASEMAP_ERROR_NO_KEY,
                           _("Tianditu needs a key. Enter yours in Preferences; until then the "
                             "map has a plain background."));
      return NULL;
    }

  escaped = g_uri_escape_string (key, NULL, FALSE);
  parts = g_strsplit (url_template, "{tk}", -1);

  return g_strjoinv (escaped, parts);
}
