/* gf-basemap.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define GF_BASEMAP_ERROR (gf_basemap_error_quark ())

/**
 * GfBasemapError:
 * @GF_BASEMAP_ERROR_NO_FILE: the offline basemap has no file chosen
 * @GF_BASEMAP_ERROR_NO_TEMPLATE: the online basemap has no address
 * @GF_BASEMAP_ERROR_INVALID_TEMPLATE: the address is not an http(s) template with {x}, {y}
 *   and {z}
 * @GF_BASEMAP_ERROR_NO_KEY: the service needs a key (Tianditu) and none is set
 * @GF_BASEMAP_ERROR_UNREACHABLE: the service does not answer
 * @GF_BASEMAP_ERROR_REFUSED: the service answers with errors (a wrong key, a wrong address)
 */
typedef enum
{
  GF_BASEMAP_ERROR_NO_FILE,
  GF_BASEMAP_ERROR_NO_TEMPLATE,
  GF_BASEMAP_ERROR_INVALID_TEMPLATE,
  GF_BASEMAP_ERROR_NO_KEY,
  GF_BASEMAP_ERROR_UNREACHABLE,
  GF_BASEMAP_ERROR_REFUSED,
} GfBasemapError;

/**
 * GfBasemapKind:
 * @GF_BASEMAP_NONE: nothing under the layers, and no network
 * @GF_BASEMAP_MBTILES: an offline MBTiles file
 * @GF_BASEMAP_ONLINE: tiles from a web map service
 *
 * The values of the `basemap-kind` setting.
 */
typedef enum
{
  GF_BASEMAP_NONE,
  GF_BASEMAP_MBTILES,
  GF_BASEMAP_ONLINE,
} GfBasemapKind;

/**
 * GfBasemapPreset:
 * @id: a stable identifier
 * @name: the name to show, untranslated (pass it through gettext)
 * @url_template: the tile address, with {x}, {y}, {z} and, for Tianditu, {tk} for the key
 * @label_template: (nullable): the address of a label layer drawn over the tiles
 * @license: the attribution to show with the tiles, untranslated
 * @license_uri: where the attribution points
 * @max_zoom: the deepest zoom level the service has
 *
 * A web map service the preferences offer.
 */
typedef struct
{
  const char *id;
  const char *name;
  const char *url_template;
  const char *label_template;
  const char *license;
  const char *license_uri;
  guint       max_zoom;
} GfBasemapPreset;

#define GF_TYPE_BASEMAP (gf_basemap_get_type ())

G_DECLARE_FINAL_TYPE (GfBasemap, gf_basemap, GF, BASEMAP, GObject)

GQuark                 gf_basemap_error_quark          (void);
GfBasemap             *gf_basemap_new                  (GSettings        *settings);
void                   gf_basemap_attach               (GfBasemap        *self,
                                                        ShumateMap       *map,
                                                        ShumateLayer     *next_layer);
void                   gf_basemap_detach               (GfBasemap        *self);
void                   gf_basemap_reload               (GfBasemap        *self);
GfBasemapKind          gf_basemap_get_kind             (GfBasemap        *self);
const char            *gf_basemap_get_description      (GfBasemap        *self);
const char            *gf_basemap_get_attribution      (GfBasemap        *self);
const char            *gf_basemap_get_error            (GfBasemap        *self);
gboolean               gf_basemap_get_loading          (GfBasemap        *self);
guint                  gf_basemap_get_n_layers         (GfBasemap        *self);
ShumateLayer          *gf_basemap_get_layer            (GfBasemap        *self,
                                                        guint             index);

const GfBasemapPreset *gf_basemap_get_presets          (guint            *n_presets);
const GfBasemapPreset *gf_basemap_find_preset          (const char       *url_template);
gboolean               gf_basemap_check_template       (const char       *url_template,
                                                        GError          **error);
char                  *gf_basemap_expand_template      (const char       *url_template,
                                                        const char       *key,
                                                        GError          **error);
gboolean               gf_basemap_template_needs_key   (const char       *url_template);

G_END_DECLS
