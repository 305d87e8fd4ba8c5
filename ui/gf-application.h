/* gf-application.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GF_TYPE_APPLICATION (gf_application_get_type ())

G_DECLARE_FINAL_TYPE (GfApplication, gf_application, GF, APPLICATION, AdwApplication)

/* The GSettings schema id: the same literal in both build profiles. */
#define GF_SETTINGS_SCHEMA_ID "io.github.gongfuatlas.Atlas"

GfApplication *gf_application_new                   (void);
GSettings     *gf_application_get_settings          (GfApplication *self);
char          *gf_application_get_default_database  (void);

G_END_DECLS
