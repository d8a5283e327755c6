//! The end of a keystroke, from what the page recorded about it.
//!
//! `probes/bench/keys.js` records, for every `input` event, a timeline: the event's time
//! stamp, the times at which a `MutationObserver` on the whole document was told of DOM
//! changes, and a chain of animation frames (the time each frame's `requestAnimationFrame`
//! callback ran, and the time a message posted from that callback arrived, which is after
//! that frame's rendering: style, layout and paint). The rule, applied here so that it is
//! tested on made-up timelines:
//!
//! - a DOM change is painted by the first frame whose callback ran after it (a change made
//!   later in the same frame, after the bench's callback, is counted one frame late: the
//!   rule errs long, never short);
//! - the keystroke ends when the frame that paints its last DOM change (at least the first
//!   frame, which paints the typed character) has rendered, confirmed by a following frame
//!   with no DOM change before it;
//! - changes after the confirming frame are counted as late: the app did something for the
//!   edit after a quiet frame, and the figure would be too short.

use serde_json::Value;

use crate::error::{Context, Error};

/// One animation frame after the event.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// When its `requestAnimationFrame` callback ran (ms, the page's clock).
    pub callback: f64,
    /// When a message posted from that callback arrived: the frame had rendered.
    pub rendered: Option<f64>,
}

/// What the page recorded for one `input` event.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timeline {
    /// The event's `timeStamp`.
    pub start: f64,
    /// When the `MutationObserver` was told of DOM changes.
    pub changes: Vec<f64>,
    pub frames: Vec<Frame>,
    /// Whether the browser made the event (Event Timing reports only those).
    pub trusted: bool,
}

/// One keystroke, measured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Keystroke {
    /// From the event to the end of the frame that painted its last DOM change.
    pub latency: f64,
    /// From the event to its last DOM change (the app's own work), if it changed the DOM.
    pub work: Option<f64>,
    /// The frame that painted the last change (0 is the first frame after the event).
    pub frame: usize,
    /// That frame's rendering: from its callback to the end of its style, layout and paint.
    pub render: f64,
    /// DOM changes recorded after the confirming frame.
    pub late: usize,
}

/// Applies the rule above; says why when the timeline has no end.
pub fn end_of(timeline: &Timeline) -> Result<Keystroke, String> {
    let start = timeline.start;
    let mut changes: Vec<f64> = timeline
        .changes
        .iter()
        .copied()
        .filter(|&t| t >= start)
        .collect();
    changes.sort_by(f64::total_cmp);
    let mut frames: Vec<Frame> = timeline
        .frames
        .iter()
        .copied()
        .filter(|f| f.callback >= start)
        .collect();
    frames.sort_by(|a, b| a.callback.total_cmp(&b.callback));
    let mut previous = start;
    let mut painting = 0;
    let mut confirmed = None;
    for (k, frame) in frames.iter().enumerate() {
        let changed = changes.iter().any(|&t| t > previous && t <= frame.callback);
        if k > 0 && !changed {
            confirmed = Some(frame.callback);
            break;
        }
        if changed {
            painting = k;
        }
        previous = frame.callback;
    }
    let Some(confirmed) = confirmed else {
        return Err(format!(
            "no frame without a DOM change among the {} frames after the event",
            frames.len()
        ));
    };
    let (callback, rendered) = frames
        .get(painting)
        .and_then(|f| Some((f.callback, f.rendered?)))
        .ok_or_else(|| format!("frame {painting} after the event has no rendering time"))?;
    Ok(Keystroke {
        latency: rendered - start,
        work: changes.last().map(|t| t - start),
        frame: painting,
        render: rendered - callback,
        late: changes.iter().filter(|&&t| t > confirmed).count(),
    })
}

/// The timelines `probes/bench/keys_collect.js` returns.
pub fn parse(records: &Value) -> Result<Vec<Timeline>, Error> {
    let records = records
        .as_array()
        .context(format!("the keystroke records are not a list: {records}"))?;
    let numbers = |v: Option<&Value>| -> Vec<f64> {
        v.and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default()
    };
    records
        .iter()
        .map(|r| {
            let frames = r
                .get("frames")
                .and_then(Value::as_array)
                .context(format!("a keystroke record without frames: {r}"))?
                .iter()
                .map(|f| {
                    Ok(Frame {
                        callback: f
                            .get("callback")
                            .and_then(Value::as_f64)
                            .context(format!("a frame without its callback time: {f}"))?,
                        rendered: f.get("rendered").and_then(Value::as_f64),
                    })
                })
                .collect::<Result<Vec<_>, Error>>()?;
            Ok(Timeline {
                start: r
                    .get("start")
                    .and_then(Value::as_f64)
                    .context(format!("a keystroke record without a start: {r}"))?,
                changes: numbers(r.get("changes")),
                frames,
                trusted: r.get("trusted").and_then(Value::as_bool).unwrap_or(false),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Frames every 16 ms from `first`, each rendered 2 ms after its callback.
    fn frames(first: f64, count: usize) -> Vec<Frame> {
        (0..count)
            .map(|k| {
                let callback = first + 16.0 * k as f64;
                Frame {
                    callback,
                    rendered: Some(callback + 2.0),
                }
            })
            .collect()
    }

    fn timeline(changes: &[f64], frames: Vec<Frame>) -> Timeline {
        Timeline {
            start: 100.0,
            changes: changes.to_vec(),
            frames,
            trusted: true,
        }
    }

    #[test]
    fn a_render_in_the_events_task_ends_with_the_first_frame() {
        // Changes 1 and 3 ms after the event; frames at 110, 126, 142.
        let k = end_of(&timeline(&[101.0, 103.0], frames(110.0, 3)));
        assert_eq!(
            k,
            Ok(Keystroke {
                latency: 12.0,
                work: Some(3.0),
                frame: 0,
                render: 2.0,
                late: 0
            })
        );
    }

    #[test]
    fn work_that_outlasts_a_frame_ends_at_the_frame_after_it() {
        // The situation of the old figure: the first frame comes at 110 ms, but a panel
        // re-renders at 120 ms; the keystroke ends when frame 1 (126 ms) has rendered, not at
        // the first frame.
        let k =
            end_of(&timeline(&[101.0, 120.0], frames(110.0, 4))).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (k.latency, k.frame, k.work, k.late),
            (28.0, 1, Some(20.0), 0)
        );
        // Work over three frames.
        let k = end_of(&timeline(&[101.0, 120.0, 130.0, 150.0], frames(110.0, 6)))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((k.latency, k.frame), (60.0, 3));
    }

    #[test]
    fn a_change_at_a_frames_callback_is_painted_by_that_frame() {
        let k = end_of(&timeline(&[126.0], frames(110.0, 3))).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((k.latency, k.frame), (28.0, 1));
        // A change just after a frame's callback waits for the next frame.
        let k =
            end_of(&timeline(&[120.0, 126.5], frames(110.0, 4))).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((k.latency, k.frame), (44.0, 2));
    }

    #[test]
    fn no_change_still_paints_the_typed_character() {
        let k = end_of(&timeline(&[], frames(105.0, 2))).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((k.latency, k.frame, k.work), (7.0, 0, None));
    }

    #[test]
    fn a_change_after_the_quiet_frame_is_late() {
        // Quiet frame 1 (126) confirms frame 0; a change at 150 comes after it.
        let k =
            end_of(&timeline(&[101.0, 150.0], frames(110.0, 5))).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((k.latency, k.frame, k.late), (12.0, 0, 1));
    }

    #[test]
    fn what_came_before_the_event_is_not_its_work() {
        // A change and a frame of the edit before.
        let mut t = timeline(&[90.0, 101.0], frames(110.0, 2));
        t.frames.insert(
            0,
            Frame {
                callback: 95.0,
                rendered: Some(97.0),
            },
        );
        let k = end_of(&t).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((k.latency, k.frame, k.work), (12.0, 0, Some(1.0)));
    }

    #[test]
    fn a_timeline_without_a_quiet_frame_has_no_end() {
        // Every frame has a change before it: the edit never settled while recorded.
        let changes: Vec<f64> = (0..4).map(|k| 101.0 + 16.0 * k as f64).collect();
        assert!(end_of(&timeline(&changes, frames(110.0, 4)))
            .is_err_and(|e| e.contains("no frame without a DOM change")));
        assert!(end_of(&timeline(&[101.0], frames(110.0, 1))).is_err());
        // The painting frame must have rendered.
        let mut t = timeline(&[101.0], frames(110.0, 2));
        t.frames[0].rendered = None;
        assert!(end_of(&t).is_err_and(|e| e.contains("no rendering time")));
    }

    #[test]
    fn reads_the_pages_records() {
        let value = serde_json::json!([
            {"start": 10.5, "trusted": true, "changes": [11.0, 12.5],
             "frames": [{"callback": 20.0, "rendered": 22.0}, {"callback": 36.0, "rendered": null}]}
        ]);
        let timelines = parse(&value).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(timelines.len(), 1);
        assert_eq!(timelines[0].changes, vec![11.0, 12.5]);
        assert_eq!(timelines[0].frames[1].rendered, None);
        assert!(timelines[0].trusted);
        assert!(parse(&serde_json::json!([{"start": 1.0}])).is_err());
    }
}
