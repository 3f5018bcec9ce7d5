#include "gui/document/Document.h"

#include <algorithm>
#include <unordered_set>

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
    m_index.rebuild(m_topology);
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

QString Document::nodeName(const core::NodeId& id) const
{
    const core::Node* n = node(id);
    return QString::fromStdString(n ? n->displayName() : id.str());
}

const core::Node* Document::node(const core::NodeId& id) const
{
    const auto i = m_index.node(id);
    return i ? &m_topology.nodes[*i] : nullptr;
}

const core::Link* Document::link(const core::LinkKey& key) const
{
    const auto i = m_index.link(key);
    return i ? &m_topology.links[*i] : nullptr;
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
    m_index.nodeInserted(m_topology, at);
    Q_EMIT nodeAdded(node.id);
    touch();
}

void Document::removeNode(const core::NodeId& id)
{
    const auto at = m_index.node(id);
    if (!at)
        return;
    // Links first, each announced, so views drop their arrows before the node.
    const std::vector<core::LinkKey> touching = linksOf(id); // a copy: removeLink edits it
    for (const core::LinkKey& key : touching)
        removeLink(key);
    m_topology.nodes.erase(m_topology.nodes.begin() + static_cast<std::ptrdiff_t>(*at));
    m_index.nodeErased(m_topology, *at, id);
    Q_EMIT nodeRemoved(id);
    touch();
}

void Document::setNodePos(const core::NodeId& id, core::Point pos)
{
    if (core::Node* n = mutableNode(id); n && !(n->pos == pos)) {
        n->pos = pos;
        Q_EMIT nodeChanged(id);
        touch();
    }
}

void Document::setNodeName(const core::NodeId& id, const std::string& name)
{
    if (core::Node* n = mutableNode(id); n && n->name != name) {
        n->name = name;
        Q_EMIT nodeChanged(id);
        touch();
    }
}

void Document::setNodeParam(const core::NodeId& id, const std::string& param,
                            const std::optional<core::ParamValue>& value)
{
    core::Node* n = mutableNode(id);
    if (!n)
        return;
    if (value)
        n->params[param] = *value;
    else
        n->params.erase(param);
    Q_EMIT nodeChanged(id);
    // A role or network change alters how links look (replication, private region).
    for (const core::LinkKey& key : std::vector(m_index.linksOf(id)))
        Q_EMIT linkChanged(key);
    touch();
}

void Document::insertLink(const core::Link& link, std::optional<std::size_t> index)
{
    auto& links = m_topology.links;
    const std::size_t at = std::min(index.value_or(links.size()), links.size());
    links.insert(links.begin() + static_cast<std::ptrdiff_t>(at), link);
    m_index.linkInserted(m_topology, at);
    Q_EMIT linkAdded(link.key());
    touch();
}

void Document::removeLink(const core::LinkKey& key)
{
    const auto at = m_index.link(key);
    if (!at)
        return;
    m_topology.links.erase(m_topology.links.begin() + static_cast<std::ptrdiff_t>(*at));
    m_index.linkErased(m_topology, *at, key);
    Q_EMIT linkRemoved(key);
    touch();
}

void Document::setLinkParam(const core::LinkKey& key, const std::string& param,
                            const std::optional<core::ParamValue>& value)
{
    const auto at = m_index.link(key);
    if (!at)
        return;
    core::Link* l = &m_topology.links[*at];
    if (value)
        l->params[param] = *value;
    else
        l->params.erase(param);
    Q_EMIT linkChanged(key);
    touch();
}

core::Node* Document::mutableNode(const core::NodeId& id)
{
    const auto i = m_index.node(id);
    return i ? &m_topology.nodes[*i] : nullptr;
}

void Document::removeMany(const std::vector<core::LinkKey>& links,
                          const std::vector<core::NodeId>& nodes)
{
    std::unordered_set<core::NodeId> nodeSet;
    for (const auto& id : nodes)
        if (m_index.node(id))
            nodeSet.insert(id);
    std::unordered_set<core::LinkKey, core::LinkKeyHash> linkSet;
    for (const auto& key : links)
        if (m_index.link(key))
            linkSet.insert(key);
    for (const auto& id : nodeSet)
        for (const auto& key : m_index.linksOf(id))
            linkSet.insert(key);
    if (nodeSet.empty() && linkSet.empty())
        return;
    std::vector<core::LinkKey> goneLinks; // in file order, so listeners hear a stable order
    std::erase_if(m_topology.links, [&](const core::Link& l) {
        const bool gone = linkSet.count(l.key()) > 0;
        if (gone)
            goneLinks.push_back(l.key());
        return gone;
    });
    std::vector<core::NodeId> goneNodes;
    std::erase_if(m_topology.nodes, [&](const core::Node& n) {
        const bool gone = nodeSet.count(n.id) > 0;
        if (gone)
            goneNodes.push_back(n.id);
        return gone;
    });
    m_index.rebuild(m_topology);
    // Links first, so views drop their arrows before the nodes.
    for (const auto& key : goneLinks)
        Q_EMIT linkRemoved(key);
    for (const auto& id : goneNodes)
        Q_EMIT nodeRemoved(id);
    touch();
}

void Document::insertMany(const std::vector<std::pair<std::size_t, core::Node>>& nodes,
                          const std::vector<std::pair<std::size_t, core::Link>>& links)
{
    // Merge in one pass: each entry lands at its position of the final vector.
    const auto merge = [](auto& into, const auto& entries) {
        using T = typename std::decay_t<decltype(into)>::value_type;
        std::vector<T> out;
        out.reserve(into.size() + entries.size());
        std::size_t next = 0, kept = 0;
        while (next < entries.size() || kept < into.size()) {
            if (next < entries.size() && (entries[next].first <= out.size() || kept == into.size()))
                out.push_back(entries[next++].second);
            else
                out.push_back(std::move(into[kept++]));
        }
        into = std::move(out);
    };
    merge(m_topology.nodes, nodes);
    merge(m_topology.links, links);
    m_index.rebuild(m_topology);
    for (const auto& [at, n] : nodes)
        Q_EMIT nodeAdded(n.id);
    for (const auto& [at, l] : links)
        Q_EMIT linkAdded(l.key());
    touch();
}

void Document::setLinkKind(const core::LinkKey& key, core::LinkKind kind)
{
    const auto at = m_index.link(key);
    if (!at || m_topology.links[*at].kind == kind)
        return;
    m_topology.links[*at].kind = kind;
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
