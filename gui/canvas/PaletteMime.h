#pragma once

#include <QString>

namespace scalelab::gui {

/// Drag-and-drop payload from the palette: the kind id as UTF-8.
inline QString paletteMimeType()
{
    return QStringLiteral("application/x-scalelab-kind");
}

} // namespace scalelab::gui
