#pragma once

#include <QImage>
#include <QString>

#include "core/model/Topology.h"

namespace scalelab::gui {

/// The diagram as standalone SVG text (QSvgGenerator over the canvas renderer), sized to
/// the topology at 1 unit = 1 px. Needs a QGuiApplication (fonts), no window.
QByteArray diagramSvg(const core::Topology& topology);

/// Pictures never exceed these: 16384 pixels a side, 32 Mpixels in all (128 MB in memory,
/// and under the 256 MB that Qt's image reader accepts).
inline constexpr double kMaxImageSide = 16384;
inline constexpr double kMaxImagePixels = 32.0 * 1024 * 1024;

/// The diagram as a picture `scale` times its natural size, on white; smaller when that
/// would pass kMaxImageSide or kMaxImagePixels.
QImage diagramImage(const core::Topology& topology, double scale = 1.0);

/// Writes the diagram as .svg or .png (chosen by the extension) for `scalelab export`
/// and File > Export Image. On failure returns false with a one-line reason.
bool exportDiagramImage(const core::Topology& topology, const QString& path, QString* error);

} // namespace scalelab::gui
