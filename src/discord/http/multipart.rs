//! An interaction response as an HTTP body: JSON, or `multipart/form-data` when it carries files.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response as HttpResponse};

use super::unix_now;
use crate::discord::message::Response;

/// An interaction response as an HTTP body and its content type: JSON, or multipart when it
/// carries files.
pub(super) fn encode(response: &Response) -> (HeaderValue, Vec<u8>) {
    if response.files().is_empty() {
        let body = serde_json::to_vec(&response).expect("a response serialises");
        (HeaderValue::from_static("application/json"), body)
    } else {
        multipart(response)
    }
}

/// `200 OK` with the response as its body (the PONG; everything else is encoded on a handler
/// thread).
pub(super) fn json_response(response: &Response) -> HttpResponse {
    let (content_type, body) = encode(response);
    (StatusCode::OK, [(header::CONTENT_TYPE, content_type)], body).into_response()
}

/// `multipart/form-data`: the response as `payload_json`, each file as `files[n]` (n matching
/// the `attachments[].id` the message carries).
fn multipart(response: &Response) -> (HeaderValue, Vec<u8>) {
    static BOUNDARIES: AtomicU64 = AtomicU64::new(0);
    let payload = serde_json::to_vec(&response).expect("a response serialises");
    let files = response.files();
    let boundary = loop {
        let candidate = format!(
            "careerbot-{:x}-{:x}",
            unix_now(),
            BOUNDARIES.fetch_add(1, Ordering::Relaxed)
        );
        let inside = |bytes: &[u8]| {
            bytes
                .windows(candidate.len())
                .any(|w| w == candidate.as_bytes())
        };
        if !inside(&payload) && !files.iter().any(|f| inside(&f.bytes)) {
            break candidate;
        }
    };
    let mut body = Vec::with_capacity(
        payload.len() + files.iter().map(|f| f.bytes.len() + 200).sum::<usize>() + 200,
    );
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"payload_json\"\r\nContent-Type: application/json\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(&payload);
    for (n, file) in files.iter().enumerate() {
        let name: String = file
            .name
            .chars()
            .map(|c| {
                if c.is_control() || c == '"' || c == '\\' {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        body.extend_from_slice(
            format!(
                "\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"files[{n}]\"; filename=\"{name}\"\r\nContent-Type: {}\r\n\r\n",
                mime_of(&name)
            )
            .as_bytes(),
        );
        body.extend_from_slice(&file.bytes);
    }
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let content_type = HeaderValue::from_str(&format!("multipart/form-data; boundary={boundary}"))
        .expect("the boundary is ASCII");
    (content_type, body)
}

fn mime_of(name: &str) -> &'static str {
    match name
        .rsplit('.')
        .next()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("png") => "image/png",
        Some("txt") => "text/plain",
        Some("md") => "text/markdown",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::super::app;
    use super::super::testing::{COMMAND, signed, state};
    use super::*;
    use crate::discord::bot::Handled;
    use crate::discord::message::{File, Reply};
    use tower::ServiceExt;

    #[tokio::test]
    async fn files_are_sent_as_multipart() {
        let (state, _dir) = state();
        let png = b"\x89PNG\r\n\x1a\nchart".to_vec();
        let sent = png.clone();
        let app = app(state.with_handler(move |_| Handled {
            response: Response::message(Reply {
                files: vec![File {
                    description: None,
                    name: "salary.png".into(),
                    bytes: sent.clone(),
                }],
                ..Reply::text("chart")
            }),
            work: None,
            commit: None,
        }));
        let r = app.oneshot(signed(COMMAND)).await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let ct = r.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .to_string();
        let boundary = ct
            .strip_prefix("multipart/form-data; boundary=")
            .expect("multipart")
            .to_string();
        let body = axum::body::to_bytes(r.into_body(), 1 << 20).await.unwrap();
        let text = String::from_utf8_lossy(&body);
        let parts: Vec<&str> = text.split(&format!("--{boundary}")).collect();
        assert_eq!(parts.len(), 4, "payload, one file, closing: {text}");
        assert!(parts[1].contains("name=\"payload_json\""));
        let payload = parts[1].split("\r\n\r\n").nth(1).unwrap().trim_end();
        let json: serde_json::Value = serde_json::from_str(payload).unwrap();
        assert_eq!(json["type"], 4);
        assert_eq!(json["data"]["attachments"][0]["id"], 0);
        assert_eq!(json["data"]["attachments"][0]["filename"], "salary.png");
        assert!(parts[2].contains("name=\"files[0]\"; filename=\"salary.png\""));
        assert!(parts[2].contains("Content-Type: image/png"));
        let start = body
            .windows(png.len())
            .position(|w| w == png.as_slice())
            .expect("the file's bytes are there unchanged");
        assert_eq!(&body[start..start + png.len()], png.as_slice());
        assert_eq!(parts[3], "--\r\n");
    }
}
