//! One row per client behaviour, each from a measured scenario (the id in the row is where it
//! was seen: a catalog id, or `c<seed>-<n>` of `clients --random 200 --seed <seed>`).

use super::{outcome, CallResult, ClientId, JsonRead};

use ClientId::*;

/// What a row expects: the result as `204 ""`, `error: …` or `pending`, and the reuse.
struct Row {
    seen: &'static str,
    client: ClientId,
    method: &'static str,
    wire: &'static str,
    closes: bool,
    result: &'static str,
    reused: bool,
}

fn text(result: &CallResult) -> String {
    match result {
        CallResult::Value(d) => format!("{} {:?}", d.status, d.body),
        CallResult::Error(e) => format!("error: {e}"),
        CallResult::Pending(_) => "pending".into(),
    }
}

const BODY_204: &str = "HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello";
const BAD_LENGTH: &str = "HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n";
const BAD_LENGTH_204: &str = "HTTP/1.1 204 No Content\r\nContent-Length: abc\r\n\r\n";
const CLOSE_DELIMITED: &str = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nbye";
const TWO_LENGTHS: &str = "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
const SAME_LENGTHS: &str =
    "HTTP/1.1 201 Created\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}";
const LENGTH_THEN_CHUNKED: &str = "HTTP/1.1 200 OK\r\nContent-Length: 11\r\nTransfer-Encoding: chunked\r\n\r\nb\r\n{\"ok\":true}\r\n0\r\n\r\n";
const CHUNKED_THEN_LENGTH: &str =
    "HTTP/1.1 299 \r\nTransfer-Encoding: chunked\r\nContent-Length: 0\r\n\r\n0\r\n\r\n";
const UNFRAMED_205: &str = "HTTP/1.1 205 Reset Content\r\n\r\n";
const SHORT_BODY: &str = "HTTP/1.1 201 Created\r\nContent-Length: 4\r\n\r\nhello";
const TRUNCATED: &str =
    "HTTP/1.1 205 Reset Content\r\nContent-Length: 8\r\nConnection: close\r\n\r\nhello";
const BAD_CHUNK: &str = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n{\"ok\":true}";
const CHUNKED_204: &str =
    "HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\nb\r\n{\"ok\":true}\r\n0\r\n\r\n";
const NOT_GZIP: &str = "HTTP/1.1 500 Internal Server Error\r\nContent-Encoding: gzip\r\nContent-Length: 11\r\n\r\n{\"ok\":true}";
const HEAD_200: &str = "HTTP/1.1 200 OK\r\nContent-Length: 1020\r\n\r\n";
const SMUGGLED_204: &str =
    "HTTP/1.1 204 No Content\r\nContent-Length: 42\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nfake";
const NOT_FOUND: &str = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
const CLOSE_BAD_CHUNK: &str = "HTTP/1.1 205 Reset Content\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nContent-Length: 11\r\nConnection: close\r\n\r\n{\"ok\":true}";
const CLOSE_NO_CHUNKS: &str =
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
const SHORT_GZIP: &str = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5\r\nContent-Encoding: gzip\r\n\r\n{}";
const HEAD_UNFRAMED_205: &str = "HTTP/1.1 205 Reset Content\r\n\r\n";
const CUT_GZIP: &str = "HTTP/1.1 299 \r\nContent-Type: text/plain\r\nContent-Length: 3\r\nContent-Encoding: gzip\r\nConnection: close\r\nETag: \"v7\"\r\n\r\n";
const GZIP_LEFTOVER: &str = "HTTP/1.1 999 \r\nContent-Type: application/json\r\nContent-Length: 10\r\nContent-Encoding: gzip\r\n\r\n{\"ok\":true}";

const ROWS: &[Row] = &[
    // Bytes after a 204: discarded (curl, requests), read as the body (undici reads a 204's
    // Content-Length body), a parse error (llhttp in Node's http and axios), or kept for the
    // next response (httpx).
    Row { seen: "keepalive-204-body", client: Curl, method: "GET", wire: BODY_204, closes: false, result: "204 \"\"", reused: true },
    Row { seen: "keepalive-204-body", client: NodeFetch, method: "GET", wire: BODY_204, closes: false, result: "204 \"\"", reused: true },
    Row { seen: "keepalive-204-body", client: NodeHttp, method: "GET", wire: BODY_204, closes: false, result: "error: Error: Parse Error: Expected HTTP/, RTSP/ or ICE/", reused: false },
    Row { seen: "keepalive-204-body", client: Axios, method: "GET", wire: BODY_204, closes: false, result: "error: Error: Parse Error: Expected HTTP/, RTSP/ or ICE/", reused: false },
    // A whole response after the 204: llhttp reads it as one more response once the 204 is
    // delivered, and the connection is not used again.
    Row { seen: "keepalive-204-smuggled", client: NodeHttp, method: "GET", wire: SMUGGLED_204, closes: false, result: "204 \"\"", reused: false },
    Row { seen: "keepalive-204-smuggled", client: Axios, method: "GET", wire: SMUGGLED_204, closes: false, result: "204 \"\"", reused: false },
    Row { seen: "keepalive-204-body", client: Requests, method: "GET", wire: BODY_204, closes: false, result: "204 \"\"", reused: true },
    Row { seen: "keepalive-204-body", client: Httpx, method: "GET", wire: BODY_204, closes: false, result: "204 \"\"", reused: true },
    // An invalid Content-Length: refused, or read until close (requests).
    Row { seen: "c1-102", client: Curl, method: "DELETE", wire: BAD_LENGTH, closes: false, result: "error: curl: (8) Invalid Content-Length: value", reused: false },
    Row { seen: "c1-102", client: NodeFetch, method: "DELETE", wire: BAD_LENGTH, closes: false, result: "error: TypeError: fetch failed", reused: false },
    Row { seen: "c1-102", client: Requests, method: "DELETE", wire: BAD_LENGTH, closes: false, result: "pending", reused: false },
    Row { seen: "c1-102", client: Httpx, method: "DELETE", wire: BAD_LENGTH, closes: false, result: "error: RemoteProtocolError: bad Content-Length", reused: false },
    // curl never reads a 204's length, so an invalid one does not matter (measured by hand on
    // 2026-12-02: `curl -w '%{http_code} %{num_connects}'` for the 204 and then `/ok` printed
    // "204 1" and "200 0", so the second request reused the connection).
    Row { seen: "by hand", client: Curl, method: "GET", wire: BAD_LENGTH_204, closes: false, result: "204 \"\"", reused: true },
    // No length and no `Connection: close`: the body ends when the server closes (measured
    // by hand on 2026-12-02: curl printed "bye 200 1", and "ok 200 1" for `/ok` on a new
    // connection).
    Row { seen: "by hand", client: Curl, method: "GET", wire: CLOSE_DELIMITED, closes: true, result: "200 \"bye\"", reused: false },
    // Two Content-Lengths: curl takes the last, llhttp refuses any repeat, urllib3 ignores
    // them under chunked, h11 refuses unequal ones.
    Row { seen: "c1-151", client: Curl, method: "GET", wire: TWO_LENGTHS, closes: false, result: "202 \"\"", reused: true },
    Row { seen: "c1-151", client: NodeHttp, method: "GET", wire: TWO_LENGTHS, closes: false, result: "error: Error: Parse Error: Duplicate Content-Length", reused: false },
    Row { seen: "c1-151", client: Requests, method: "GET", wire: TWO_LENGTHS, closes: false, result: "202 \"\"", reused: true },
    Row { seen: "c1-151", client: Httpx, method: "GET", wire: TWO_LENGTHS, closes: false, result: "error: RemoteProtocolError: conflicting Content-Length headers", reused: false },
    Row { seen: "c1-9", client: NodeFetch, method: "DELETE", wire: SAME_LENGTHS, closes: false, result: "error: TypeError: fetch failed", reused: false },
    Row { seen: "c1-9", client: Httpx, method: "DELETE", wire: SAME_LENGTHS, closes: false, result: "201 \"{}\"", reused: true },
    // Content-Length with chunked: llhttp names whichever came second.
    Row { seen: "c1-1", client: NodeHttp, method: "GET", wire: LENGTH_THEN_CHUNKED, closes: false, result: "error: Error: Parse Error: Transfer-Encoding can't be present with Content-Length", reused: false },
    Row { seen: "c1-32", client: Axios, method: "GET", wire: CHUNKED_THEN_LENGTH, closes: false, result: "error: Error: Parse Error: Content-Length can't be present with Transfer-Encoding", reused: false },
    Row { seen: "c1-1", client: Curl, method: "GET", wire: LENGTH_THEN_CHUNKED, closes: false, result: "200 \"{\\\"ok\\\":true}\"", reused: true },
    // A 205 without framing: fetch hands over its null body at once; the others wait (httpx
    // until its timeout).
    Row { seen: "reset-205-no-length", client: NodeFetch, method: "POST", wire: UNFRAMED_205, closes: false, result: "205 \"\"", reused: false },
    Row { seen: "reset-205-no-length", client: Curl, method: "POST", wire: UNFRAMED_205, closes: false, result: "pending", reused: false },
    Row { seen: "reset-205-no-length", client: Httpx, method: "POST", wire: UNFRAMED_205, closes: false, result: "error: ReadTimeout: timed out", reused: false },
    // Bytes after a Content-Length body: curl delivers and drops the connection, requests
    // keeps it, httpx keeps them.
    Row { seen: "c1-36", client: Curl, method: "GET", wire: SHORT_BODY, closes: false, result: "201 \"hell\"", reused: false },
    Row { seen: "c1-36", client: Requests, method: "GET", wire: SHORT_BODY, closes: false, result: "201 \"hell\"", reused: true },
    Row { seen: "c1-36", client: Httpx, method: "GET", wire: SHORT_BODY, closes: false, result: "201 \"hell\"", reused: true },
    // The server closes before the body ends: each client's own words.
    Row { seen: "c1-22", client: Curl, method: "DELETE", wire: TRUNCATED, closes: true, result: "error: curl: (18) transfer closed with 3 bytes remaining to read", reused: false },
    Row { seen: "c1-22", client: NodeHttp, method: "DELETE", wire: TRUNCATED, closes: true, result: "error: Error: aborted", reused: false },
    Row { seen: "c1-22", client: Axios, method: "DELETE", wire: TRUNCATED, closes: true, result: "error: AxiosError: stream has been aborted", reused: false },
    Row { seen: "c1-22", client: Requests, method: "DELETE", wire: TRUNCATED, closes: true, result: "error: ChunkedEncodingError: ('Connection broken: IncompleteRead(5 bytes read, 3 more expected)', IncompleteRead(5 bytes read, 3 more expected))", reused: false },
    Row { seen: "c1-22", client: Httpx, method: "DELETE", wire: TRUNCATED, closes: true, result: "error: RemoteProtocolError: peer closed connection without sending complete message body (received 5 bytes, expected 8)", reused: false },
    // A chunk size that is not one: byte-wise readers fail at once, line-wise ones wait.
    Row { seen: "c1-115", client: Curl, method: "GET", wire: BAD_CHUNK, closes: false, result: "error: curl: (56) Illegal or missing hexadecimal sequence in chunked-encoding", reused: false },
    Row { seen: "c1-115", client: NodeFetch, method: "GET", wire: BAD_CHUNK, closes: false, result: "error: TypeError: terminated", reused: false },
    Row { seen: "c1-115", client: Requests, method: "GET", wire: BAD_CHUNK, closes: false, result: "pending", reused: false },
    // http.client reads the chunks of a chunked 204.
    Row { seen: "c1-121", client: Requests, method: "PUT", wire: CHUNKED_204, closes: false, result: "204 \"{\\\"ok\\\":true}\"", reused: true },
    Row { seen: "c1-121", client: NodeHttp, method: "PUT", wire: CHUNKED_204, closes: false, result: "error: Error: Parse Error: Expected HTTP/, RTSP/ or ICE/", reused: false },
    // A body labelled gzip that is not.
    Row { seen: "c1-2", client: NodeFetch, method: "OPTIONS", wire: NOT_GZIP, closes: false, result: "error: TypeError: terminated", reused: true },
    Row { seen: "c1-2", client: Axios, method: "OPTIONS", wire: NOT_GZIP, closes: false, result: "error: Error: incorrect header check", reused: true },
    Row { seen: "c1-2", client: Requests, method: "OPTIONS", wire: NOT_GZIP, closes: false, result: "error: ContentDecodingError: ('Received response with content-encoding: gzip, but failed to decode it.', error('Error -3 while decompressing data: incorrect header check'))", reused: true },
    Row { seen: "c1-2", client: Httpx, method: "OPTIONS", wire: NOT_GZIP, closes: false, result: "error: DecodingError: Error -3 while decompressing data: incorrect header check", reused: false },
    Row { seen: "c1-2", client: Curl, method: "OPTIONS", wire: NOT_GZIP, closes: false, result: "500 \"{\\\"ok\\\":true}\"", reused: true },
    // undici never keeps a connection after HEAD.
    Row { seen: "head-200", client: NodeFetch, method: "HEAD", wire: HEAD_200, closes: false, result: "200 \"\"", reused: false },
    Row { seen: "head-200", client: NodeHttp, method: "HEAD", wire: HEAD_200, closes: false, result: "200 \"\"", reused: true },
    // axios rejects a status outside 2xx, after reading the body.
    Row { seen: "preflight-404", client: Axios, method: "PUT", wire: NOT_FOUND, closes: false, result: "error: AxiosError: Request failed with status code 404", reused: true },
    Row { seen: "preflight-404", client: NodeHttp, method: "PUT", wire: NOT_FOUND, closes: false, result: "404 \"\"", reused: true },
    // The server closes in chunked data: h11 names an unfinished line still in its buffer,
    // or else its chunked reader; requests quotes the line, with Python's choice of quotes.
    Row { seen: "c2-118", client: Httpx, method: "DELETE", wire: CLOSE_BAD_CHUNK, closes: true, result: "error: RemoteProtocolError: peer unexpectedly closed connection", reused: false },
    Row { seen: "c2-118", client: Requests, method: "DELETE", wire: CLOSE_BAD_CHUNK, closes: true, result: "error: ChunkedEncodingError: ('Connection broken: InvalidChunkLength(got length b\\'{\"ok\":true}\\', 0 bytes read)', InvalidChunkLength(got length b'{\"ok\":true}', 0 bytes read))", reused: false },
    Row { seen: "c2-157", client: Httpx, method: "OPTIONS", wire: CLOSE_NO_CHUNKS, closes: true, result: "error: RemoteProtocolError: peer closed connection without sending complete message body (incomplete chunked read)", reused: false },
    // undici takes what arrived before the close as the whole body when the head said
    // `Connection: close`; llhttp in Node's http does not.
    Row { seen: "c2-157", client: NodeFetch, method: "OPTIONS", wire: CLOSE_NO_CHUNKS, closes: true, result: "200 \"\"", reused: false },
    Row { seen: "c2-157", client: NodeHttp, method: "OPTIONS", wire: CLOSE_NO_CHUNKS, closes: true, result: "error: Error: aborted", reused: false },
    Row { seen: "c2-157", client: Requests, method: "OPTIONS", wire: CLOSE_NO_CHUNKS, closes: true, result: "error: ChunkedEncodingError: Response ended prematurely", reused: false },
    // A short body labelled gzip on a connection that stays open: streaming decoders fail on
    // its first two bytes; requests and the clients that do not decode wait for the rest.
    Row { seen: "c2-17", client: NodeFetch, method: "GET", wire: SHORT_GZIP, closes: false, result: "error: TypeError: terminated", reused: false },
    Row { seen: "c2-17", client: Axios, method: "GET", wire: SHORT_GZIP, closes: false, result: "error: Error: incorrect header check", reused: false },
    Row { seen: "c2-17", client: Httpx, method: "GET", wire: SHORT_GZIP, closes: false, result: "error: DecodingError: Error -3 while decompressing data: incorrect header check", reused: false },
    Row { seen: "c2-17", client: Requests, method: "GET", wire: SHORT_GZIP, closes: false, result: "pending", reused: false },
    Row { seen: "c2-17", client: NodeHttp, method: "GET", wire: SHORT_GZIP, closes: false, result: "pending", reused: false },
    // Node's http keeps a connection after HEAD only when the head frames a body.
    Row { seen: "c2-20", client: NodeHttp, method: "HEAD", wire: HEAD_UNFRAMED_205, closes: false, result: "205 \"\"", reused: false },
    Row { seen: "c2-20", client: Axios, method: "HEAD", wire: HEAD_UNFRAMED_205, closes: false, result: "205 \"\"", reused: false },
    Row { seen: "c2-20", client: Curl, method: "HEAD", wire: HEAD_UNFRAMED_205, closes: false, result: "205 \"\"", reused: true },
    Row { seen: "c2-20", client: Requests, method: "HEAD", wire: HEAD_UNFRAMED_205, closes: false, result: "205 \"\"", reused: true },
    // requests keeps the connection after a gzip failure even with a byte left over, as it
    // does after any body it has read to its end.
    Row { seen: "c2-23", client: Requests, method: "OPTIONS", wire: GZIP_LEFTOVER, closes: false, result: "error: ContentDecodingError: ('Received response with content-encoding: gzip, but failed to decode it.', error('Error -3 while decompressing data: incorrect header check'))", reused: true },
    Row { seen: "c2-23", client: NodeFetch, method: "OPTIONS", wire: GZIP_LEFTOVER, closes: false, result: "error: TypeError: terminated", reused: false },
    // The server closes before a gzip-labelled body: axios reads through its gunzip stream,
    // so Node's own "aborted" reaches it rather than its "stream has been aborted".
    Row { seen: "c3-108", client: Axios, method: "PATCH", wire: CUT_GZIP, closes: true, result: "error: Error: aborted", reused: false },
    Row { seen: "c3-108", client: Requests, method: "PATCH", wire: CUT_GZIP, closes: true, result: "error: ChunkedEncodingError: ('Connection broken: IncompleteRead(0 bytes read, 3 more expected)', IncompleteRead(0 bytes read, 3 more expected))", reused: false },
    Row { seen: "c3-108", client: Httpx, method: "PATCH", wire: CUT_GZIP, closes: true, result: "error: RemoteProtocolError: peer closed connection without sending complete message body (received 0 bytes, expected 3)", reused: false },
];

#[test]
fn every_client_behaviour_as_measured() {
    for row in ROWS {
        let got = outcome(
            row.client.row(),
            row.method,
            row.wire.as_bytes(),
            row.closes,
        )
        .expect("the head reads");
        assert_eq!(
            (text(&got.result).as_str(), got.connection_reused),
            (row.result, Some(row.reused)),
            "{} {:?}: {:?}",
            row.seen,
            row.client,
            got.because
        );
    }
}

#[test]
fn httpx_reads_the_leftover_as_the_next_status_line() {
    let got = outcome(Httpx.row(), "GET", BODY_204.as_bytes(), false).unwrap();
    assert_eq!(
        got.next,
        CallResult::error(
            "RemoteProtocolError: illegal status line: bytearray(b'helloHTTP/1.1 200 OK')"
        )
    );
    let chunks = outcome(Httpx.row(), "PUT", CHUNKED_204.as_bytes(), false).unwrap();
    assert_eq!(
        chunks.next,
        CallResult::error("RemoteProtocolError: illegal status line: bytearray(b'b')")
    );
    // Everyone else's follow-up is clean.
    for client in [Curl, NodeFetch, Requests] {
        let got = outcome(client.row(), "GET", BODY_204.as_bytes(), false).unwrap();
        assert_eq!(got.next, CallResult::value(200, "ok"), "{client:?}");
    }
}

#[test]
fn an_empty_body_read_as_json() {
    let wire = b"HTTP/1.1 204 No Content\r\n\r\n";
    let json = |client: ClientId| outcome(client.row(), "GET", wire, false).unwrap().json;
    assert_eq!(json(Curl), None);
    let js = Some(JsonRead::Error(
        "SyntaxError: Unexpected end of JSON input".into(),
    ));
    assert_eq!(json(NodeFetch), js);
    assert_eq!(json(NodeHttp), js);
    assert_eq!(json(Axios), Some(JsonRead::Value("".into())));
    let py = Some(JsonRead::Error(
        "JSONDecodeError: Expecting value: line 1 column 1 (char 0)".into(),
    ));
    assert_eq!(json(Requests), py);
    assert_eq!(json(Httpx), py);
    let object = b"HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n{\"ok\":true}";
    let got = outcome(Requests.row(), "GET", object, false).unwrap();
    assert_eq!(
        got.json,
        Some(JsonRead::Value(serde_json::json!({"ok": true})))
    );
}

/// The reason given for a connection not kept after a HEAD names the client's own rule.
#[test]
fn why_a_connection_is_not_kept_after_a_head() {
    let because = |client: ClientId| {
        outcome(client.row(), "HEAD", HEAD_UNFRAMED_205.as_bytes(), false)
            .unwrap()
            .because
    };
    let framed = "it keeps a connection after a HEAD only when the head frames a body, and this one does not";
    assert!(
        because(NodeHttp).iter().any(|b| b == framed),
        "{:?}",
        because(NodeHttp)
    );
    let never = "it never keeps a connection after a HEAD";
    let fetch = outcome(NodeFetch.row(), "HEAD", HEAD_200.as_bytes(), false).unwrap();
    assert!(
        fetch.because.iter().any(|b| b == never),
        "{:?}",
        fetch.because
    );
}

#[test]
fn a_head_that_does_not_read_is_not_modelled() {
    assert!(outcome(Curl.row(), "GET", b"garbage", false).is_none());
}

#[test]
fn python_quotes_a_repr_by_its_content() {
    use super::rows::{py_bytes, py_str};
    assert_eq!(py_bytes("a\r\n"), "b'a\\r\\n'");
    assert_eq!(py_bytes("it's"), "b\"it's\"");
    assert_eq!(py_bytes("\u{e9}"), "b'\\xc3\\xa9'");
    assert_eq!(py_str("\u{e9}"), "'\u{e9}'");
    // Both quotes inside: single quotes, the single ones escaped.
    assert_eq!(py_str("b'{\"a\"}'"), "'b\\'{\"a\"}\\''");
    assert_eq!(py_str("say \"hi\""), "'say \"hi\"'");
}

/// The outcomes are found by client, each its own.
#[test]
fn each_clients_outcome_is_found_by_its_id() {
    let all = super::outcomes("GET", BODY_204.as_bytes(), false);
    for client in ClientId::ALL {
        let got = all.get(client).map(|o| text(&o.result));
        let own = outcome(client.row(), "GET", BODY_204.as_bytes(), false).map(|o| text(&o.result));
        assert!(got.is_some() && got == own, "{client:?}");
    }
}

/// axios hands over a JSON body parsed, and any other as the text it is.
#[test]
fn axios_parses_a_json_body_and_keeps_other_text() {
    let json = b"HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\n{ \"a\" : 1 }  ";
    let got = outcome(Axios.row(), "GET", json, false).unwrap();
    assert_eq!(text(&got.result), "200 \"{\\\"a\\\":1}\"");
    let plain = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
    let got = outcome(Axios.row(), "GET", plain, false).unwrap();
    assert_eq!(text(&got.result), "200 \"hello\"");
}

/// The clients an exchange names: every one, in column order, each with its measured build.
#[test]
fn every_client_is_described_with_its_build() {
    let all = super::described();
    assert_eq!(all.len(), ClientId::ALL.len());
    for (d, c) in all.iter().zip(ClientId::ALL) {
        assert_eq!(d.key, c.key());
        assert!(!d.label.is_empty() && !d.version.is_empty(), "{}", d.key);
    }
    assert_eq!(all.first().map(|d| d.version), Some("curl 7.88.1"));
}
