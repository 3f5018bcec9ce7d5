#pragma once

#include <map>
#include <set>

#include <QRectF>

#include "core/model/Ids.h"

namespace scalelab::gui {

/// The bounding box of a changing set of rectangles, one per node, in O(log n) per change
/// (a multiset per edge), so moving one node does not walk every node to reshade a region.
class RectUnion {
public:
    /// Sets (or replaces) the rectangle of `id`.
    void set(const core::NodeId& id, const QRectF& rect);
    void remove(const core::NodeId& id);
    void clear();
    /// The bounding box of all rectangles; empty when there are none.
    QRectF bounds() const;

private:
    std::map<core::NodeId, QRectF> m_rects;
    std::multiset<double> m_lefts, m_tops, m_rights, m_bottoms;
};

} // namespace scalelab::gui
