//! 201 Created (RFC 9110 §15.3.2): Location names the new resource.

use crate::cite;

use super::Cx;

rules! {
    CREATED_WITHOUT_LOCATION: Warn, cite::RFC9110_201,
        "A 201 without Location",
        "Without Location, the created resource is taken to be the target URI itself. For a POST to a collection that is rarely true: send Location with the new resource's URI.";
    CREATED_WITH_LOCATION: Good, cite::RFC9110_LOCATION,
        "201 names the new resource in Location",
        "The client learns the URI of what it created without parsing the content.";
}

pub(super) fn check(cx: &mut Cx<'_>) {
    if cx.code != 201 {
        return;
    }
    match cx.p.headers.get("location") {
        Some(location) => cx.add(CREATED_WITH_LOCATION, Some(format!("Location: {location}"))),
        None => cx.add(CREATED_WITHOUT_LOCATION, None),
    }
}

#[cfg(test)]
pub(super) const CASES: &[super::cases::Case] = &[
    super::cases::Case::new(
        "POST /books HTTP/1.1\n\n",
        "HTTP/1.1 201 Created\n\
               Location: /books/7\n\
               Content-Length: 0\n\n",
        &["UNSAFE_INVALIDATES", "CREATED_WITH_LOCATION"],
    ),
    super::cases::Case::new(
        "POST /books HTTP/1.1\n\n",
        "HTTP/1.1 201 Created\n\
               Content-Length: 2\n\
               \n\
               {}",
        &["CREATED_WITHOUT_LOCATION", "UNSAFE_INVALIDATES"],
    ),
];
