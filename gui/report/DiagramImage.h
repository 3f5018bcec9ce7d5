#pragma once

#include "core/model/Topology.h"

#include <QImage>
#include <QString>

namespace scalelab::gui {

/// The diagram as standalone SVG text (QSvgGenerator over the canvas renderer), sized to
/// the topology at 1 unit = 1 px. Needs a QGuiApplication (fonts), no window.
QByteArray diagramSvg(const core::Topology& topology);

/// The diagram as a picture `scale` times its natural size, on white.
QImage diagramImage(const core::Topology& topology, double scale = 1.0);

/// Writes the diagram as .svg or .png (chosen by the extension) for `scalelab export`
/// and File > Export Image. On failure returns false with a one-line reason.
bool exportDiagramImage(const core::Topology& topology, const QString& path, QString* error);

} // namespace scalelab::gui
