#include "gui/canvas/RectUnion.h"

namespace scalelab::gui {

void RectUnion::set(const core::NodeId& id, const QRectF& rect)
{
    remove(id);
    m_rects.emplace(id, rect);
    m_lefts.insert(rect.left());
    m_tops.insert(rect.top());
    m_rights.insert(rect.right());
    m_bottoms.insert(rect.bottom());
}

void RectUnion::remove(const core::NodeId& id)
{
    auto it = m_rects.find(id);
    if (it == m_rects.end())
        return;
    const QRectF& r = it->second;
    m_lefts.erase(m_lefts.find(r.left()));
    m_tops.erase(m_tops.find(r.top()));
    m_rights.erase(m_rights.find(r.right()));
    m_bottoms.erase(m_bottoms.find(r.bottom()));
    m_rects.erase(it);
}

void RectUnion::clear()
{
    m_rects.clear();
    m_lefts.clear();
    m_tops.clear();
    m_rights.clear();
    m_bottoms.clear();
}

QRectF RectUnion::bounds() const
{
    if (m_rects.empty())
        return {};
    return QRectF(QPointF(*m_lefts.begin(), *m_tops.begin()),
                  QPointF(*m_rights.rbegin(), *m_bottoms.rbegin()));
}

} // namespace scalelab::gui
