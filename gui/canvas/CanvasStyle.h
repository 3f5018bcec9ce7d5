#pragma once

#include <QColor>
#include <QRectF>

namespace scalelab::gui::style {

// One place for the canvas geometry and colours, so items, the renderer and tests agree.
inline constexpr double kGrid = 20.0;
inline constexpr double kIconSize = 48.0;
inline constexpr double kLabelWidth = 150.0;
inline constexpr double kLabelHeight = 16.0;
inline constexpr double kHandleRadius = 6.0;
/// Centre of the connection handle relative to the node centre.
inline constexpr double kHandleX = kIconSize / 2 + 9;
inline constexpr double kRegionMargin = 34.0;
/// The row of badges above the icon (role, SPOF, problem marker): its height and its
/// bottom, one pixel above the icon so no badge covers it (NodeGlyph::badgeLayout).
inline constexpr double kBadgeHeight = 13.0;
inline constexpr double kBadgeRowBottom = -kIconSize / 2 - 1;
inline constexpr double kBadgeRowTop = kBadgeRowBottom - kBadgeHeight;

inline QRectF iconRect()
{
    return {-kIconSize / 2, -kIconSize / 2, kIconSize, kIconSize};
}
inline QRectF labelRect()
{
    return {-kLabelWidth / 2, kIconSize / 2 + 3, kLabelWidth, kLabelHeight};
}

inline QColor canvasBackground()
{
    return {0xfa, 0xfb, 0xfc};
}
inline QColor gridLine()
{
    return {0xe8, 0xeb, 0xef};
}
inline QColor gridLineMajor()
{
    return {0xdc, 0xe0, 0xe6};
}
inline QColor text()
{
    return {0x1f, 0x29, 0x37};
}
inline QColor mutedText()
{
    return {0x5b, 0x67, 0x78};
}
inline QColor selection()
{
    return {0x25, 0x63, 0xeb};
}
inline QColor link()
{
    return {0x64, 0x74, 0x8b};
}
inline QColor replication()
{
    return {0x7c, 0x3a, 0xed};
}
/// Publish and consume links: jobs, not requests (the worker's amber).
inline QColor jobs()
{
    return {0xb4, 0x53, 0x09};
}
inline QColor error()
{
    return {0xdc, 0x26, 0x26};
}
inline QColor warning()
{
    return {0xd9, 0x77, 0x06};
}
inline QColor regionFill()
{
    return {0xe0, 0xf2, 0xfe, 150};
}
inline QColor regionBorder()
{
    return {0x7d, 0xb8, 0xe0};
}
inline QColor regionText()
{
    return {0x2b, 0x6c, 0xb0};
}
inline QColor masterBadge()
{
    return {0x05, 0x96, 0x69};
}
inline QColor replicaBadge()
{
    return {0x47, 0x55, 0x69};
}

} // namespace scalelab::gui::style
