#pragma once

#include <QRectF>

#include "core/model/Topology.h"

class QPainter;

namespace scalelab::gui {

/// Draws a topology exactly as the canvas shows it (icons, names, badges, arrows,
/// private network, problem markers), without grid or selection, scaled to fit `target`
/// and centred in it. Needs a QApplication (the canvas items use fonts and the SVG
/// icons) but no view or window. Works on any paint device (QImage, QSvgGenerator,
/// QPdfWriter, QPrinter).
void renderTopology(const scalelab::core::Topology& topology, QPainter& painter,
                    const QRectF& target);

/// The scene-coordinate box the diagram covers, in the same units as Node::pos
/// (empty for a topology with no nodes). Useful to size an image: 1 unit = 1 pixel at 100 %.
QRectF topologyBounds(const scalelab::core::Topology& topology);

} // namespace scalelab::gui
