#include "gui/record/Recorder.h"

#include <cmath>

#include <QElapsedTimer>
#include <QTimer>

#include "gui/live/SimulationController.h"
#include "gui/record/RecordingStage.h"

namespace scalelab::gui::record {

namespace {
// The window stays responsive: the recorder gives the event loop back after this long.
constexpr int kSliceMs = 30;
// A GIF's palette is counted on at most this many frames: colours repeat from frame to
// frame, and drawing every frame twice would double the time for nothing.
constexpr int kPaletteSamples = 240;
// Smaller videos are drawn at this width and scaled down: charts and labels laid out for
// 360 lines would be cramped to the point of eliding their numbers.
constexpr int kMinStageWidth = 1280;

QSize stageSize(QSize video)
{
    if (video.width() >= kMinStageWidth)
        return video;
    return {kMinStageWidth, (video.height() * kMinStageWidth + video.width() / 2) / video.width()};
}
} // namespace

Recorder::Recorder(core::Topology topology, RecordOptions options, QObject* parent)
    : QObject(parent), m_topology(std::move(topology)), m_options(std::move(options)),
      m_timer(new QTimer(this))
{
    m_timer->setInterval(0);
    connect(m_timer, &QTimer::timeout, this, &Recorder::onTick);
}

Recorder::~Recorder() = default;

bool Recorder::prepare(QString* error)
{
    const auto fail = [&](const QString& why) {
        if (error)
            *error = why;
        return false;
    };
    if (!(m_options.runForS > 0) || !std::isfinite(m_options.runForS))
        return fail(QStringLiteral("the recording needs a number of simulated seconds > 0"));
    if (!(m_options.speed > 0) || !std::isfinite(m_options.speed))
        return fail(QStringLiteral("the speed must be a number > 0"));
    // The run cannot go on past its end: record what there is.
    m_options.runForS = std::min(m_options.runForS, m_topology.simulation.durationS);
    const double frames = std::round(m_options.video.fps * m_options.runForS / m_options.speed);
    if (frames < 1)
        return fail(QStringLiteral("%1 simulated s at %2x and %3 fps make no frame")
                        .arg(m_options.runForS)
                        .arg(m_options.speed)
                        .arg(m_options.video.fps));
    if (frames > 1e6)
        return fail(QStringLiteral("%1 frames is too long a video").arg(frames, 0, 'f', 0));
    m_frames = static_cast<int>(frames);
    m_stage = std::make_unique<RecordingStage>(m_topology, stageSize(m_options.video.size),
                                               m_options.charts);
    m_stage->setSpeed(m_options.speed);
    if (!m_stage->start(error))
        return false;
    if (!m_encoder.open(m_options.out, m_options.video, error))
        return false;
    m_sampleEvery = std::max(1, (m_frames + kPaletteSamples - 1) / kPaletteSamples);
    m_done = 0;
    m_total = m_frames +
              (m_encoder.wantsPalettePass() ? (m_frames + m_sampleEvery - 1) / m_sampleEvery : 0);
    return beginPass(m_encoder.wantsPalettePass(), error);
}

bool Recorder::beginPass(bool palettePass, QString* error)
{
    m_palettePass = palettePass;
    m_frame = 0;
    if (m_stage->controller()->simSeconds() > 0) {
        // The second pass draws the same frames again: a fresh simulation from the same
        // file and seed replays the first exactly.
        m_stage = std::make_unique<RecordingStage>(m_topology, stageSize(m_options.video.size),
                                                   m_options.charts);
        m_stage->setSpeed(m_options.speed);
        if (!m_stage->start(error))
            return false;
    }
    return true;
}

bool Recorder::step(QString* error)
{
    const int i = m_frame++;
    const double fps = m_options.video.fps;
    const bool last = m_frame == m_frames;
    // Frame i shows the end of its own slice of time; the last one lands exactly on runForS.
    const double simS = last ? m_options.runForS : (i + 1) * m_options.speed / fps;
    const auto videoMs = static_cast<qint64>(std::llround((i + 1) * 1000.0 / fps));
    m_stage->advanceTo(simS, videoMs);
    if (m_palettePass) {
        if (i % m_sampleEvery == 0) {
            if (!m_encoder.addPaletteSample(m_stage->render(), error))
                return false;
            ++m_done;
        }
        if (last)
            return m_encoder.endPalettePass(error) && beginPass(false, error);
        return true;
    }
    if (!m_encoder.addFrame(m_stage->render(), error))
        return false;
    ++m_done;
    if (last) {
        if (!m_encoder.finish(error))
            return false;
        m_complete = true;
    }
    return true;
}

bool Recorder::run(QString* error)
{
    m_cancelled = false;
    while (!m_complete) {
        if (m_cancelled) {
            m_encoder.discard();
            if (error)
                *error = QStringLiteral("cancelled");
            return false;
        }
        if (!step(error)) {
            m_encoder.discard();
            return false;
        }
        Q_EMIT progressed(m_done, workTotal());
    }
    return true;
}

void Recorder::start()
{
    m_cancelled = false;
    m_timer->start();
}

bool Recorder::isRunning() const
{
    return m_timer->isActive();
}

void Recorder::cancel()
{
    m_cancelled = true;
    if (m_timer->isActive())
        end(false, QString());
}

void Recorder::onTick()
{
    QElapsedTimer slice;
    slice.start();
    while (!m_complete && slice.elapsed() < kSliceMs) {
        QString error;
        if (!step(&error)) {
            end(false, error.isEmpty() ? QStringLiteral("the recording failed") : error);
            return;
        }
    }
    Q_EMIT progressed(m_done, workTotal());
    if (m_complete)
        end(true, QString());
}

void Recorder::end(bool ok, const QString& error)
{
    m_timer->stop();
    if (!ok)
        m_encoder.discard();
    m_stage.reset();
    Q_EMIT finished(ok, error);
}

} // namespace scalelab::gui::record
