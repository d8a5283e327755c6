//! The client runner end to end with the clients that need no install step: curl and Node's
//! own fetch and http, each against the raw server with two catalog scenarios. A machine
//! without curl or node skips that client with a printed reason.

use std::path::PathBuf;

use nocontent_e2e::clients::driver::Tools;
use nocontent_e2e::clients::{runner, ClientId, Outcome, Run};
use nocontent_e2e::install::e2e_dir;
use nocontent_e2e::observe::Case;
use nocontent_e2e::raw::RawServer;

fn runs(program: &str) -> bool {
    std::process::Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn case(id: &str) -> Case {
    Case::from_entry(&nocontent_engine::catalog::find(id).unwrap()).unwrap()
}

#[test]
fn curl_and_node_meet_a_clean_204_and_a_204_with_a_body() {
    let mut clients = Vec::new();
    if runs("curl") {
        clients.push(ClientId::Curl);
    } else {
        eprintln!("skipping curl: not on PATH");
    }
    if runs("node") {
        clients.extend([ClientId::NodeFetch, ClientId::NodeHttp]);
    } else {
        eprintln!("skipping Node's clients: node is not on PATH");
    }
    // Only curl and Node's own modules: no venv or node_modules is needed.
    let tools = Tools {
        node: PathBuf::from("node"),
        node_dir: e2e_dir().join("clients/node"),
        python: PathBuf::from("python3"),
        python_dir: e2e_dir().join("clients/python"),
        curl: PathBuf::from("curl"),
    };
    let server = RawServer::start();
    let cases = [case("delete-204"), case("keepalive-204-body")];
    let scenarios = runner::run_all(&server, &tools, &cases, &clients, 3000, 2, false);
    for scenario in &scenarios {
        assert_eq!(scenario.runs.len(), clients.len());
        for run in &scenario.runs {
            let Run::Measured(m) = run else {
                panic!("{}: {run:?}", scenario.id);
            };
            assert!(!m.version.is_empty());
            // The scenario's request reached the server once, and so did the follow-up.
            assert_eq!(m.server.first.len(), 1, "{} {:?}", scenario.id, m.client);
            assert!(
                m.connection_reused.is_some(),
                "{} {:?}",
                scenario.id,
                m.client
            );
            if scenario.id == "delete-204" {
                assert!(
                    matches!(&m.result, Outcome::Value(d) if d.status == 204 && d.body.is_empty()),
                    "{:?}: {:?}",
                    m.client,
                    m.result
                );
                assert_eq!(m.connection_reused, Some(true), "{:?}", m.client);
                assert_eq!(m.server.first[0].method, "DELETE");
            }
        }
    }
}
