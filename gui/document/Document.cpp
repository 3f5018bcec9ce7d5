#include "gui/document/Document.h"

#include <algorithm>

#include <QFileInfo>
#include <QTimer>
#include <QUndoStack>

#include "core/validation/Validator.h"

namespace scalelab::gui {

Document::Document(QObject* parent)
    : QObject(parent), m_undo(new QUndoStack(this)), m_validateTimer(new QTimer(this))
{
    // Validation is cheap but a delete can fire a dozen signals: run it once afterwards.
    m_validateTimer->setSingleShot(true);
    m_validateTimer->setInterval(0);
    connect(m_validateTimer, &QTimer::timeout, this, &Document::revalidate);
    connect(m_undo, &QUndoStack::cleanChanged, this,
            [this](bool clean) { Q_EMIT modifiedChanged(!clean); });
    revalidate();
}

Document::~Document() = default;

void Document::reset(core::Topology topology, const QString& filePath)
{
    m_undo->clear(); // announces cleanChanged -> modifiedChanged(false) when it was dirty
    m_topology = std::move(topology);
    setFilePath(filePath);
    Q_EMIT resetDone();
    Q_EMIT changed();
    revalidate();
}

void Document::setFilePath(const QString& path)
{
    if (path == m_filePath)
        return;
    m_filePath = path;
    Q_EMIT filePathChanged(path);
}

QString Document::displayName() const
{
    return m_filePath.isEmpty() ? tr("Untitled") : QFileInfo(m_filePath).fileName();
}

bool Document::isModified() const
{
    return !m_undo->isClean();
}

void Document::markSaved()
{
    m_undo->setClean();
}

void Document::revalidate()
{
    m_validateTimer->stop();
    m_diagnostics = core::validate(m_topology);
    Q_EMIT diagnosticsChanged();
}

void Document::touch()
{
    Q_EMIT changed();
    m_validateTimer->start();
}

void Document::insertNode(const core::Node& node, std::optional<std::size_t> index)
{
    auto& nodes = m_topology.nodes;
    const std::size_t at = std::min(index.value_or(nodes.size()), nodes.size());
    nodes.insert(nodes.begin() + static_cast<std::ptrdiff_t>(at), node);
    Q_EMIT nodeAdded(node.id);
    touch();
}

void Document::removeNode(const core::NodeId& id)
{
    if (!m_topology.findNode(id))
        return;
    // Links first, each announced, so views drop their arrows before the node.
    for (const core::Link& l : m_topology.linksOf(id))
        removeLink(l.key());
    m_topology.removeNode(id);
    Q_EMIT nodeRemoved(id);
    touch();
}

void Document::setNodePos(const core::NodeId& id, core::Point pos)
{
    if (core::Node* n = m_topology.findNode(id); n && !(n->pos == pos)) {
        n->pos = pos;
        Q_EMIT nodeChanged(id);
        touch();
    }
}

void Document::setNodeName(const core::NodeId& id, const std::string& name)
{
    if (core::Node* n = m_topology.findNode(id); n && n->name != name) {
        n->name = name;
        Q_EMIT nodeChanged(id);
        touch();
    }
}

void Document::setNodeParam(const core::NodeId& id, const std::string& param,
                            const std::optional<core::ParamValue>& value)
{
    core::Node* n = m_topology.findNode(id);
    if (!n)
        return;
    if (value)
        n->params[param] = *value;
    else
        n->params.erase(param);
    Q_EMIT nodeChanged(id);
    // A role or network change alters how links look (replication, private region).
    for (const core::Link& l : m_topology.linksOf(id))
        Q_EMIT linkChanged(l.key());
    touch();
}

void Document::insertLink(const core::Link& link, std::optional<std::size_t> index)
{
    auto& links = m_topology.links;
    const std::size_t at = std::min(index.value_or(links.size()), links.size());
    links.insert(links.begin() + static_cast<std::ptrdiff_t>(at), link);
    Q_EMIT linkAdded(link.key());
    touch();
}

void Document::removeLink(const core::LinkKey& key)
{
    if (!m_topology.findLink(key))
        return;
    m_topology.removeLink(key);
    Q_EMIT linkRemoved(key);
    touch();
}

void Document::setLinkParam(const core::LinkKey& key, const std::string& param,
                            const std::optional<core::ParamValue>& value)
{
    core::Link* l = m_topology.findLink(key);
    if (!l)
        return;
    if (value)
        l->params[param] = *value;
    else
        l->params.erase(param);
    Q_EMIT linkChanged(key);
    touch();
}

void Document::setInfo(const std::string& name, const std::string& description,
                       const core::SimulationSettings& simulation)
{
    m_topology.name = name;
    m_topology.description = description;
    m_topology.simulation = simulation;
    Q_EMIT infoChanged();
    touch();
}

} // namespace scalelab::gui
