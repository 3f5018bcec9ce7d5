#include "gui/record/RecordingStage.h"

#include <algorithm>
#include <cmath>

#include <QCoreApplication>
#include <QEvent>
#include <QLocale>
#include <QPainter>

#include "gui/canvas/CanvasScene.h"
#include "gui/document/Document.h"
#include "gui/live/LiveStyle.h"
#include "gui/live/MetricsDock.h"
#include "gui/live/NodeStatusLayer.h"
#include "gui/live/SimulationController.h"
#include "gui/live/TrafficLayer.h"

namespace scalelab::gui::record {

namespace {
// Room around the diagram for the heat halos and event markers drawn outside its icons.
constexpr double kSceneMargin = 60;
const QColor kHeaderFill(0x11, 0x18, 0x27);
const QColor kHeaderText(0xf9, 0xfa, 0xfb);
const QColor kHeaderDim(0x9c, 0xa3, 0xaf);

int headerHeight(QSize size)
{
    return std::max(28, size.height() * 6 / 100);
}

int chartsHeight(QSize size)
{
    return std::max(150, size.height() * 30 / 100);
}
} // namespace

RecordingStage::RecordingStage(const core::Topology& topology, QSize frameSize, bool withCharts)
    : m_size(frameSize), m_withCharts(withCharts), m_document(std::make_unique<Document>())
{
    m_document->reset(topology);
    m_scene = std::make_unique<CanvasScene>(m_document.get());
    m_scene->setPresentation(true);
    m_controller = std::make_unique<SimulationController>(m_document.get());
    m_traffic = new TrafficLayer(m_scene.get(), m_controller.get());
    m_status = new NodeStatusLayer(m_scene.get(), m_controller.get());
    m_scene->addItem(m_traffic);
    m_scene->addItem(m_status);
    m_status->setClock([this] { return m_videoMs; });
    m_sceneRect =
        m_scene->diagramBounds().adjusted(-kSceneMargin, -kSceneMargin, kSceneMargin, kSceneMargin);
    QObject::connect(m_controller.get(), &SimulationController::eventsLogged, m_scene.get(),
                     [this](int first) { m_status->addEvents(first); });
    if (m_withCharts) {
        m_charts = std::make_unique<MetricsDock>(m_controller.get());
        // Laid out and painted like a window, never shown on a screen.
        m_charts->setAttribute(Qt::WA_DontShowOnScreen);
        m_charts->resize(m_size.width(), chartsHeight(m_size));
        m_charts->show();
    }
}

RecordingStage::~RecordingStage()
{
    m_charts.reset();
    // The layers read the controller while painting: they go with the scene, first.
    m_scene.reset();
    m_controller.reset();
}

bool RecordingStage::start(QString* error)
{
    QString reason;
    auto connection = QObject::connect(m_controller.get(), &SimulationController::message,
                                       [&reason](const QString& text) { reason = text; });
    const bool ok = m_controller->advanceTo(0);
    QObject::disconnect(connection);
    if (!ok && error)
        *error = reason.isEmpty() ? QStringLiteral("the diagram cannot be simulated") : reason;
    if (ok && m_charts)
        m_charts->clear(); // the x axis spans the run's duration, known now
    return ok;
}

double RecordingStage::endSeconds() const
{
    return m_controller->endSeconds();
}

void RecordingStage::advanceTo(double simSeconds, qint64 videoMs)
{
    m_videoMs = videoMs;
    if (simSeconds > m_controller->simSeconds())
        m_controller->advanceTo(simSeconds);
}

QImage RecordingStage::render()
{
    m_traffic->refresh();
    m_status->refresh();
    QImage frame(m_size, QImage::Format_RGB32);
    frame.fill(Qt::white);
    QPainter painter(&frame);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    const int header = headerHeight(m_size);
    const int charts = m_withCharts ? chartsHeight(m_size) : 0;
    paintHeader(painter, QRectF(0, 0, m_size.width(), header));
    const QRectF canvas(0, header, m_size.width(), m_size.height() - header - charts);
    // Fitted and centred (QGraphicsScene::render keeps the aspect ratio but not the centre).
    const QRectF room = canvas.adjusted(8, 8, -8, -8);
    const double scale =
        std::min(room.width() / m_sceneRect.width(), room.height() / m_sceneRect.height());
    QRectF target(QPointF(0, 0), m_sceneRect.size() * scale);
    target.moveCenter(room.center());
    m_scene->render(&painter, target, m_sceneRect, Qt::IgnoreAspectRatio);
    if (m_charts) {
        m_charts->refresh();
        // Qt Charts lays out through posted events: apply them before painting.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        m_charts->widget()->render(&painter, QPoint(0, m_size.height() - charts));
    }
    painter.end();
    return frame;
}

void RecordingStage::paintHeader(QPainter& painter, const QRectF& area) const
{
    painter.fillRect(area, kHeaderFill);
    const double pad = area.height() * 0.35;
    QFont title;
    title.setPixelSize(static_cast<int>(area.height() * 0.42));
    title.setBold(true);
    QFont small = title;
    small.setBold(false);
    small.setPixelSize(static_cast<int>(area.height() * 0.36));

    const core::Topology& t = m_document->topology();
    const core::sim::Snapshot& snap = m_controller->snapshot();
    const QLocale c(QLocale::English); // 12,130 req/s
    QString stats = QStringLiteral("t = %1 s").arg(m_controller->simSeconds(), 0, 'f', 1);
    if (std::abs(m_speed - 1.0) > 1e-9)
        stats += QStringLiteral("  (%1x)").arg(m_speed, 0, 'g', 3);
    stats += QStringLiteral("   %1 req/s   p99 %2 ms   %3 errors/s")
                 .arg(c.toString(std::lround(snap.throughputRps)))
                 .arg(snap.p99Ms, 0, 'f', snap.p99Ms < 10 ? 1 : 0)
                 .arg(c.toString(static_cast<qulonglong>(snap.errorsPerS)));

    painter.setFont(small);
    const double statsWidth = QFontMetricsF(small).horizontalAdvance(stats);
    const QRectF statsRect(area.right() - pad - statsWidth, area.top(), statsWidth, area.height());
    painter.setPen(kHeaderText);
    painter.drawText(statsRect, Qt::AlignVCenter | Qt::AlignRight, stats);

    // The legend of the dots, then the name in the room that is left.
    painter.setFont(small);
    const QFontMetricsF fm(small);
    const std::pair<QColor, QString> legend[] = {{live::readDot(), QStringLiteral("read")},
                                                 {live::writeDot(), QStringLiteral("write")},
                                                 {live::errorDot(), QStringLiteral("failed")}};
    double x = statsRect.left() - pad;
    for (auto it = std::rbegin(legend); it != std::rend(legend); ++it) {
        const double w = fm.horizontalAdvance(it->second);
        x -= w;
        painter.setPen(kHeaderDim);
        painter.drawText(QRectF(x, area.top(), w, area.height()), Qt::AlignVCenter, it->second);
        const double r = area.height() * 0.12;
        x -= 2 * r + 4;
        painter.setPen(Qt::NoPen);
        painter.setBrush(it->first);
        painter.drawEllipse(QPointF(x + r, area.center().y()), r, r);
        x -= pad * 0.6;
    }
    painter.setFont(title);
    painter.setPen(kHeaderText);
    const QString name = QString::fromStdString(t.name.empty() ? std::string("ScaleLab") : t.name);
    const QRectF nameRect(area.left() + pad, area.top(), std::max(0.0, x - pad - area.left() - pad),
                          area.height());
    painter.drawText(nameRect, Qt::AlignVCenter | Qt::AlignLeft,
                     QFontMetricsF(title).elidedText(name, Qt::ElideRight, nameRect.width()));
}

} // namespace scalelab::gui::record
