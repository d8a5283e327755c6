//! The names and keys the views, the JSON and the reports show for every value of the
//! engine's small enums: each its own, never empty, and the ones other tools read exactly as
//! written.

use nocontent_engine::clients::ClientId;
use nocontent_engine::engines::{Column, Engine};
use nocontent_engine::frameworks::FrameworkId;
use nocontent_engine::lint::Level;
use nocontent_engine::scenario::{ClientKind, Framing, ResponseType};

/// Every name in `names` is non-empty and appears once.
fn distinct(names: &[&str]) {
    for (i, name) in names.iter().enumerate() {
        assert!(
            !name.is_empty() && !names.get(..i).unwrap_or_default().contains(name),
            "{name:?} in {names:?}"
        );
    }
}

#[test]
fn clients_framings_and_response_types_have_their_own_names() {
    assert_eq!(ClientKind::Fetch.label(), "fetch()");
    assert_eq!(ClientKind::Beacon.label(), "navigator.sendBeacon()");
    distinct(&ClientKind::ALL.map(ClientKind::label));
    distinct(&ClientKind::ALL.map(ClientKind::key));
    assert_eq!(Framing::Close.label(), "close-delimited");
    distinct(&Framing::ALL.map(Framing::label));
    // What a script assigns to xhr.responseType.
    assert_eq!(
        ResponseType::ALL.map(ResponseType::as_str),
        ["text", "json", "arraybuffer", "blob", "document"]
    );
    distinct(&ClientId::ALL.map(ClientId::key));
}

#[test]
fn finding_levels_and_columns_are_labelled_as_shown() {
    assert_eq!(
        Level::ALL.map(Level::label),
        ["error", "warning", "info", "good"]
    );
    assert_eq!(
        Column::ALL.map(Column::label),
        ["Spec", "Chromium 156", "Firefox 153", "WebKitGTK 2.50"]
    );
    assert_eq!(
        Column::Engine(Engine::Firefox).label(),
        Engine::Firefox.label()
    );
}

/// A framework's choice names it, its measured version names the same project, its server
/// is said, and its documentation is a link.
#[test]
fn every_framework_is_named_versioned_served_and_documented() {
    distinct(&FrameworkId::ALL.map(FrameworkId::key));
    distinct(&FrameworkId::ALL.map(FrameworkId::label));
    distinct(&FrameworkId::ALL.map(FrameworkId::version));
    distinct(&FrameworkId::ALL.map(FrameworkId::server));
    distinct(&FrameworkId::ALL.map(FrameworkId::docs));
    for f in FrameworkId::ALL {
        let first = f
            .label()
            .split(' ')
            .next()
            .unwrap_or_default()
            .to_lowercase();
        assert!(
            f.version().to_lowercase().contains(&first),
            "{:?}: {:?} is not a version of {:?}",
            f,
            f.version(),
            f.label()
        );
        assert!(f.docs().starts_with("https://"), "{:?}", f.docs());
        assert_eq!(FrameworkId::parse(f.key()), Some(f));
    }
}
