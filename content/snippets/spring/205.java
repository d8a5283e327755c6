@PostMapping("/feedback")
ResponseEntity<Void> submit(@RequestBody Feedback f) {
    feedback.save(f);
    return ResponseEntity.status(HttpStatus.RESET_CONTENT).build();
}
