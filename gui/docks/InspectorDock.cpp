#include "gui/docks/InspectorDock.h"

#include <algorithm>
#include <limits>

#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QSpinBox>
#include <QUndoStack>
#include <QVBoxLayout>

#include "core/model/KindRegistry.h"
#include "core/model/LinkParams.h"
#include "core/model/ParamLabels.h"
#include "gui/canvas/CanvasScene.h"
#include "gui/canvas/IconCache.h"
#include "gui/commands/RenameNodeCommand.h"
#include "gui/commands/SetDiagramInfoCommand.h"
#include "gui/commands/SetLinkKindCommand.h"
#include "gui/commands/SetParamCommand.h"
#include "gui/docks/ParamEditor.h"
#include "gui/document/Document.h"
#include "gui/util/Counting.h"

namespace scalelab::gui {

namespace {

QLabel* inspectorTitle(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.1);
    label->setFont(f);
    return label;
}

QLabel* inspectorCaption(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, p.color(QPalette::PlaceholderText));
    label->setPalette(p);
    return label;
}

// What the diagram holds and how to start editing it.
QString diagramCaption(const core::Topology& t)
{
    const auto tr = [](const char* text) {
        return QCoreApplication::translate("InspectorDock", text);
    };
    return tr("%1, %2. Select a node or a link to edit its parameters; drag from a node's blue "
              "handle (or Shift+drag) to link it.")
        .arg(countOf(static_cast<long long>(t.nodes.size()), tr("node"), tr("nodes")),
             countOf(static_cast<long long>(t.links.size()), tr("link"), tr("links")));
}

QString inspectorParamLabel(const core::ParamSpec& spec)
{
    return QString::fromStdString(core::paramLabel(spec.name));
}

} // namespace

InspectorDock::InspectorDock(Document* document, CanvasScene* scene, QWidget* parent)
    : QDockWidget(tr("Inspector"), parent), m_document(document), m_scene(scene)
{
    setObjectName(QStringLiteral("InspectorDock"));
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    // Fields shrink (rebuild()) and texts wrap: scrolling sideways is never needed.
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setFrameShape(QFrame::NoFrame);
    setWidget(m_scroll);
    connect(scene, &QGraphicsScene::selectionChanged, this, &InspectorDock::rebuild);
    connect(document, &Document::resetDone, this, &InspectorDock::rebuild);
    connect(document, &Document::changed, this, &InspectorDock::refreshValues);
    rebuild();
}

ParamEditor* InspectorDock::editorFor(const std::string& param) const
{
    auto it = m_editors.find(param);
    return it == m_editors.end() ? nullptr : it->second;
}

void InspectorDock::rebuild()
{
    m_nodes = m_scene->selectedNodeIds();
    m_links = m_nodes.empty() ? m_scene->selectedLinkKeys() : std::vector<core::LinkKey>{};
    m_editors.clear();
    m_nameEdit = nullptr;
    m_diagramName = nullptr;
    m_diagramCaption = nullptr;
    m_linkKind = nullptr;
    m_page = new QWidget;
    auto* outer = new QVBoxLayout(m_page);
    outer->setContentsMargins(12, 10, 12, 10);
    outer->setSpacing(8);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_form->setHorizontalSpacing(10);
    m_form->setVerticalSpacing(6);

    if (!m_nodes.empty()) {
        buildNodeForm();
    } else if (!m_links.empty()) {
        buildLinkForm();
    } else {
        buildDiagramForm();
    }
    // A field may shrink to a usable width: a spin box's own minimum is as wide as its
    // largest value ("1000000 requests"), which pushed a horizontal scroll bar onto the dock.
    for (int r = 0; r < m_form->rowCount(); ++r)
        if (QLayoutItem* field = m_form->itemAt(r, QFormLayout::FieldRole))
            if (QWidget* widget = field->widget())
                widget->setMinimumWidth(std::min(widget->minimumSizeHint().width(), 90));
    outer->addLayout(m_form);
    outer->addStretch(1);
    m_scroll->setWidget(m_page); // deletes the previous page
    refreshValues();
    routeUndoKeys();
}

void InspectorDock::routeUndoKeys()
{
    // A field is "committed" once Enter or leaving it handed its value to the document;
    // typing makes it modified again (QLineEdit::isModified), so Ctrl+Z then undoes the
    // typing, as in any text field.
    for (QLineEdit* edit : m_page->findChildren<QLineEdit*>()) {
        edit->installEventFilter(this);
        connect(edit, &QLineEdit::editingFinished, edit, [edit] { edit->setModified(false); });
    }
    // A spin box hands shortcut overrides to its line edit directly, past any filter there.
    for (QAbstractSpinBox* spin : m_page->findChildren<QAbstractSpinBox*>()) {
        spin->installEventFilter(this);
        // Enter in a spin box is handled by the box: its edit does not finish on its own.
        connect(spin, &QAbstractSpinBox::editingFinished, spin, [spin] {
            if (auto* edit = spin->findChild<QLineEdit*>())
                edit->setModified(false);
        });
    }
}

bool InspectorDock::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::ShortcutOverride)
        return QDockWidget::eventFilter(watched, event);
    auto* key = static_cast<QKeyEvent*>(event);
    const bool undoKey = key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo) ||
                         key->keyCombination() == QKeyCombination(Qt::CTRL, Qt::Key_Y);
    if (!undoKey)
        return QDockWidget::eventFilter(watched, event);
    auto* edit = qobject_cast<QLineEdit*>(watched);
    if (!edit)
        edit = watched->findChild<QLineEdit*>();
    if (edit && edit->isModified())
        return QDockWidget::eventFilter(watched, event); // the field's own undo
    event->ignore(); // not overridden: the window's Undo / Redo shortcut runs
    return true;
}

void InspectorDock::buildDiagramForm()
{
    const auto& t = m_document->topology();
    m_form->addRow(inspectorTitle(tr("Diagram"), m_page));
    m_diagramCaption = inspectorCaption(diagramCaption(t), m_page);
    m_form->addRow(m_diagramCaption);
    m_diagramName = new QLineEdit(m_page);
    m_diagramName->setObjectName(QStringLiteral("diagramName"));
    m_diagramName->setPlaceholderText(tr("Untitled"));
    m_diagramDescription = new QLineEdit(m_page);
    m_diagramDescription->setObjectName(QStringLiteral("diagramDescription"));
    m_diagramDescription->setPlaceholderText(tr("What this design shows, in one line"));
    m_duration = new QDoubleSpinBox(m_page);
    m_duration->setObjectName(QStringLiteral("duration_s"));
    m_duration->setRange(0.001, 1e6);
    m_duration->setSuffix(QStringLiteral(" s"));
    m_duration->setToolTip(tr("Simulated time of a run"));
    m_warmup = new QDoubleSpinBox(m_page);
    m_warmup->setObjectName(QStringLiteral("warmup_s"));
    m_warmup->setRange(0, 1e6);
    m_warmup->setSuffix(QStringLiteral(" s"));
    m_warmup->setToolTip(tr("Statistics ignore the first seconds, while queues fill up"));
    m_seed = new QSpinBox(m_page);
    m_seed->setObjectName(QStringLiteral("seed"));
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setToolTip(tr("Same file and same seed give the same results, bit for bit"));
    for (QAbstractSpinBox* spin :
         {static_cast<QAbstractSpinBox*>(m_duration), static_cast<QAbstractSpinBox*>(m_warmup),
          static_cast<QAbstractSpinBox*>(m_seed)}) {
        spin->setKeyboardTracking(false);
        connect(spin, &QAbstractSpinBox::editingFinished, this, &InspectorDock::commitDiagram);
    }
    connect(m_duration, &QDoubleSpinBox::valueChanged, this, &InspectorDock::commitDiagram);
    connect(m_warmup, &QDoubleSpinBox::valueChanged, this, &InspectorDock::commitDiagram);
    connect(m_seed, &QSpinBox::valueChanged, this, &InspectorDock::commitDiagram);
    connect(m_diagramName, &QLineEdit::editingFinished, this, &InspectorDock::commitDiagram);
    connect(m_diagramDescription, &QLineEdit::editingFinished, this, &InspectorDock::commitDiagram);
    m_form->addRow(tr("name"), m_diagramName);
    m_form->addRow(tr("description"), m_diagramDescription);
    m_form->addRow(inspectorTitle(tr("Simulation"), m_page));
    m_form->addRow(tr("duration"), m_duration);
    m_form->addRow(tr("warm-up"), m_warmup);
    m_form->addRow(tr("seed"), m_seed);
}

void InspectorDock::commitDiagram()
{
    if (!m_diagramName || m_refreshing)
        return;
    SetDiagramInfoCommand::Info info = SetDiagramInfoCommand::current(*m_document);
    info.name = m_diagramName->text().trimmed().toStdString();
    info.description = m_diagramDescription->text().trimmed().toStdString();
    info.simulation.durationS = m_duration->value();
    info.simulation.warmupS = m_warmup->value();
    info.simulation.seed = std::uint64_t(m_seed->value());
    if (info == SetDiagramInfoCommand::current(*m_document))
        return;
    m_document->undoStack()->push(new SetDiagramInfoCommand(m_document, std::move(info)));
}

void InspectorDock::buildNodeForm()
{
    // The parameters shared by every selected node (same name and type).
    std::vector<const core::ParamSpec*> shared;
    const core::Node* first = m_document->node(m_nodes.front());
    const core::KindSpec* firstSpec = first ? first->spec() : nullptr;
    if (!firstSpec)
        return;
    for (const auto& p : firstSpec->params) {
        bool everywhere = true;
        for (const auto& id : m_nodes) {
            const core::Node* n = m_document->node(id);
            const core::ParamSpec* q = n && n->spec() ? n->spec()->param(p.name) : nullptr;
            everywhere = everywhere && q && q->type == p.type;
        }
        if (everywhere)
            shared.push_back(&p);
    }
    // The role comes first: it decides what a database is.
    std::stable_partition(shared.begin(), shared.end(),
                          [](const core::ParamSpec* p) { return p->name == "role"; });

    auto* header = new QWidget(m_page);
    auto* hl = new QHBoxLayout(header);
    hl->setContentsMargins(0, 0, 0, 4);
    auto* icon = new QLabel(header);
    icon->setPixmap(IconCache::icon(QString::fromStdString(firstSpec->look.icon)).pixmap(36, 36));
    hl->addWidget(icon);
    auto* titles = new QVBoxLayout;
    if (m_nodes.size() == 1) {
        titles->addWidget(inspectorTitle(QString::fromStdString(first->displayName()), header));
        titles->addWidget(inspectorCaption(QString::fromStdString(firstSpec->displayName) +
                                               QStringLiteral(" · ") +
                                               QString::fromStdString(first->id.str()),
                                           header));
    } else {
        titles->addWidget(inspectorTitle(tr("%1 nodes selected").arg(m_nodes.size()), header));
        titles->addWidget(inspectorCaption(tr("Edits apply to all of them"), header));
    }
    hl->addLayout(titles, 1);
    m_form->addRow(header);
    if (m_nodes.size() == 1)
        m_form->addRow(inspectorCaption(QString::fromStdString(firstSpec->help), m_page));

    if (m_nodes.size() == 1) {
        m_nameEdit = new QLineEdit(m_page);
        m_nameEdit->setObjectName(QStringLiteral("name"));
        m_nameEdit->setPlaceholderText(QString::fromStdString(first->id.str()));
        m_nameEdit->setToolTip(tr("Display name; the id (%1) stays the same")
                                   .arg(QString::fromStdString(first->id.str())));
        connect(m_nameEdit, &QLineEdit::editingFinished, this, &InspectorDock::commitName);
        m_form->addRow(tr("name"), m_nameEdit);
    }
    for (const core::ParamSpec* p : shared) {
        const std::string name = p->name;
        auto* editor = new ParamEditor(
            *p,
            [this, name](const core::ParamValue& v) {
                m_document->undoStack()->push(new SetParamCommand(m_document, m_nodes, name, v));
            },
            m_page);
        auto* label = new QLabel(inspectorParamLabel(*p), m_page);
        label->setToolTip(QString::fromStdString(p->help));
        m_form->addRow(label, editor);
        m_editors[name] = editor;
    }
}

void InspectorDock::buildLinkForm()
{
    const core::KindSpec& spec = core::KindRegistry::instance().link();
    const core::LinkKey& key = m_links.front();
    const core::Link* l = m_document->link(key);
    if (!l)
        return;
    const bool replication = l->kind == core::LinkKind::Replication;
    const core::KindRegistry& registry = core::KindRegistry::instance();
    m_form->addRow(inspectorTitle(
        m_links.size() == 1 ? QStringLiteral("%1 → %2").arg(QString::fromStdString(key.from.str()),
                                                            QString::fromStdString(key.to.str()))
                            : tr("%1 links selected").arg(m_links.size()),
        m_page));
    m_form->addRow(inspectorCaption(replication ? tr("Replication link: the replica applies the "
                                                     "master's writes after the lag")
                                    : l->kind != core::LinkKind::Request
                                        ? QString::fromStdString(registry.linkKind(l->kind).help)
                                        : QString::fromStdString(spec.help),
                                    m_page));
    // The kinds this pair of nodes may be joined by (a web server -> cache link carries
    // requests or sessions): a choice only when there is one to make.
    const core::Node* from = m_document->node(key.from);
    const core::Node* to = m_document->node(key.to);
    if (m_links.size() == 1 && from && to && from->spec()) {
        std::vector<core::LinkKind> kinds;
        for (const auto& permit : from->spec()->sends)
            if (from->spec()->maySend(permit.link, to->kind.str()))
                kinds.push_back(permit.link);
        if (kinds.size() > 1) {
            m_linkKind = new QComboBox(m_page);
            for (core::LinkKind k : kinds)
                m_linkKind->addItem(QString::fromStdString(registry.linkKind(k).displayName),
                                    static_cast<int>(k));
            m_linkKind->setCurrentIndex(m_linkKind->findData(static_cast<int>(l->kind)));
            m_linkKind->setToolTip(tr("What the link carries"));
            connect(m_linkKind, &QComboBox::activated, this, [this, key](int index) {
                const auto kind = static_cast<core::LinkKind>(m_linkKind->itemData(index).toInt());
                m_document->undoStack()->push(new SetLinkKindCommand(m_document, key, kind));
                // The caption follows the kind: rebuild once this signal is done.
                QMetaObject::invokeMethod(this, &InspectorDock::rebuild, Qt::QueuedConnection);
            });
            m_form->addRow(new QLabel(tr("Kind"), m_page), m_linkKind);
        }
    }
    for (const auto& p : spec.params) {
        // Only what means something for the selected links' kinds: a request link has no
        // replication lag (one row for a parameter that applies to any of them).
        bool applies = false;
        for (const auto& k : m_links)
            if (const core::Link* link = m_document->link(k))
                applies = applies || core::linkParamApplies(link->kind, p.name);
        if (!applies)
            continue;
        const std::string name = p.name;
        auto* editor = new ParamEditor(
            p,
            [this, name](const core::ParamValue& v) {
                m_document->undoStack()->push(new SetParamCommand(m_document, m_links, name, v));
            },
            m_page);
        auto* label = new QLabel(inspectorParamLabel(p), m_page);
        label->setToolTip(QString::fromStdString(p.help));
        m_form->addRow(label, editor);
        m_editors[name] = editor;
    }
}

void InspectorDock::refreshValues()
{
    // A node may be gone (undo of its creation): rebuild from the current selection, but
    // later, as this may run inside a signal of one of the editors being replaced.
    bool gone = false;
    for (const auto& id : m_nodes)
        gone = gone || !m_document->node(id);
    for (const auto& key : m_links)
        gone = gone || !m_document->link(key);
    if (gone) {
        m_editors.clear();
        m_nameEdit = nullptr;
        QMetaObject::invokeMethod(this, &InspectorDock::rebuild, Qt::QueuedConnection);
        return;
    }
    if (m_diagramName) {
        const core::Topology& t = m_document->topology();
        // Undo and redo change the counts without changing the selection.
        if (m_diagramCaption)
            m_diagramCaption->setText(diagramCaption(t));
        m_refreshing = true;
        const QSignalBlocker b1(m_duration), b2(m_warmup), b3(m_seed);
        if (!m_diagramName->hasFocus())
            m_diagramName->setText(QString::fromStdString(t.name));
        if (!m_diagramDescription->hasFocus()) {
            m_diagramDescription->setText(QString::fromStdString(t.description));
            m_diagramDescription->setCursorPosition(0); // show the start of a long text
            m_diagramDescription->setToolTip(QString::fromStdString(t.description));
        }
        m_duration->setValue(t.simulation.durationS);
        m_warmup->setValue(t.simulation.warmupS);
        m_seed->setValue(
            int(std::min<std::uint64_t>(t.simulation.seed, std::numeric_limits<int>::max())));
        m_refreshing = false;
    }
    if (m_nameEdit && m_nodes.size() == 1 && !m_nameEdit->hasFocus())
        m_nameEdit->setText(QString::fromStdString(m_document->node(m_nodes.front())->name));
    if (m_linkKind && m_links.size() == 1)
        if (const core::Link* l = m_document->link(m_links.front())) {
            const QSignalBlocker block(m_linkKind);
            m_linkKind->setCurrentIndex(m_linkKind->findData(static_cast<int>(l->kind)));
        }
    for (auto& [name, editor] : m_editors) {
        if (!m_nodes.empty()) {
            const core::ParamValue v = m_document->node(m_nodes.front())->param(name);
            bool mixed = false;
            for (const auto& id : m_nodes)
                mixed = mixed || !(m_document->node(id)->param(name) == v);
            editor->setValue(v, mixed);
        } else if (!m_links.empty()) {
            // A link's parameter as stored (a text choice such as replication `mode` too),
            // else the registry's default: number() would turn "sync" into 0.
            const core::Link* link = m_document->link(m_links.front());
            const auto it = link->params.find(name);
            const core::ParamSpec* spec = core::KindRegistry::instance().link().param(name);
            editor->setValue(it != link->params.end() ? it->second
                             : spec                   ? spec->defaultValue
                                                      : core::ParamValue(0.0));
        }
    }
}

void InspectorDock::commitName()
{
    if (!m_nameEdit || m_nodes.size() != 1)
        return;
    const core::Node* n = m_document->node(m_nodes.front());
    const std::string name = m_nameEdit->text().trimmed().toStdString();
    if (!n || n->name == name)
        return;
    m_document->undoStack()->push(new RenameNodeCommand(m_document, n->id, n->name, name));
}

} // namespace scalelab::gui
