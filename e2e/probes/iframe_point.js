// WebDriver script body. Points the iframe made by iframe_setup.js at arguments[0].
document.getElementById('frame').src = arguments[0];
