package corpus

// The word lists are constants (comma- or newline-separated text) so the
// package holds no mutable state; newLexicon splits them once per Generate.

// vocabText is the running-text vocabulary in rank order: entry r (from 1)
// is drawn with probability proportional to 1/r. Entries are real
// Vietnamese words, one or more syllables; duplicates are dropped at load,
// keeping the first (higher) rank.
const vocabText = `
dân, của, và, là, dân vận, các, được, trong, những, người, với, cho, có, một,
không, đã, xã, hộ, này, để, đến, từ, khi, cũng, như, thì, mà, về, ra, vào, làm,
còn, lại, đều, nhiều, hơn, rất, theo, tại, trên, sau, trước, bằng, nên, vì,
nhưng, hay, hoặc, nếu, đó, ấy, nay, đây, rồi, sẽ, đang, vẫn, luôn, chỉ, mới,
cùng, giữa, qua, thêm, nhất, nhau, mình, họ, chúng tôi, bà con, người dân,
mô hình, cán bộ, nhân dân, vận động, thôn, xóm, tổ, nhà, năm, ngày, tháng, hai,
ba, bốn, sáu, bảy, tám, chín, mười, trăm, nghìn, triệu, mỗi, mọi, cả, ít, số,
việc, điều, cách, lúc, nơi, chỗ, đi, gia đình, địa phương, chính quyền, phong trào,
hội viên, đoàn viên, đảng viên, khéo, vận, tổ dân phố, khu dân cư, công tác,
thực hiện, tham gia, triển khai, tuyên truyền, hiệu quả, phát triển, xây dựng,
ông, bà, anh, chị, em, cô, chú, bác, tôi, ta, mình, ai, gì, nào, đâu, sao, vậy,
thế, bởi, do, nhờ, tuy, dù, song, chưa, từng, vừa, sắp, hãy, chắc, lắm, quá,
hết, đủ, thiếu, ở, bên, cạnh, ngoài, dưới, lên, xuống, thấy, biết, nghĩ, muốn,
cần, phải, nói, hỏi, kể, nghe, nhìn, giúp, góp, chung, riêng, tự, nhỏ, lớn, cao,
thấp, xa, gần, lâu, nhanh, chậm, tốt, khó, dễ, mạnh, đúng, thật, rõ,
hiện nay, đến nay, hằng năm, thường xuyên, trong đó, ngoài ra, bên cạnh đó,
nhờ vậy, vì thế, do đó, từ đó, sau đó, trước đó, có thể, cho đến, bao giờ,
bao nhiêu, khoảng, hầu hết, gần như, mặc dù, tuy nhiên, đồng thời, ngay cả,
chính, thành phố, phường, tỉnh, huyện, vùng, đất, nước, sống, làm ăn, cuộc sống,
đời sống, kinh tế, văn hóa, xã hội, an ninh, trật tự, quốc phòng, hệ thống,
chính trị, cơ quan, nhà nước, hành chính, đoàn thể, mặt trận, hội, đoàn, chi bộ,
đảng ủy, ủy ban, nhân dân thành phố, ban, ngành, cấp ủy, lãnh đạo, chỉ đạo,
nông nghiệp, nông dân, nông thôn, nông thôn mới, đô thị, văn minh, hộ nghèo,
cận nghèo, giảm nghèo, thoát nghèo, bền vững, dồn điền, đổi thửa, đồn điền,
ruộng, lúa, rau, màu, bò, heo, gà, vịt, cá, tôm, giống, vốn, vay vốn, tiết kiệm,
thu nhập, sản xuất, chăn nuôi, trồng trọt, cây trồng, vật nuôi, chuyển đổi,
hợp tác xã, tổ hợp tác, dịch vụ, thị trường, tiêu thụ, sản phẩm, nông sản,
hội phụ nữ, đoàn thanh niên, hội nông dân, hội cựu chiến binh, mặt trận tổ quốc,
hội người cao tuổi, hội khuyến học, khuyến học, khuyến tài, học bổng, học sinh,
trường, lớp, thầy, cô giáo, sinh viên, tủ sách, đọc sách, dòng họ, con cháu,
môi trường, rác thải, phân loại, vệ sinh, sạch, đẹp, xanh, cây xanh, tuyến đường,
đường hoa, đèn, điện, chiếu sáng, camera, camera an ninh, trộm cắp, tội phạm,
tệ nạn, phòng, chống, phòng cháy, chữa cháy, hòa giải, mâu thuẫn, tranh chấp,
công an, dân quân, quân sự, lực lượng, tuần tra, canh gác, tự quản, bình yên,
cải cách, cải cách hành chính, thủ tục, hồ sơ, một cửa, một cửa liên thông,
dịch vụ công, trực tuyến, tiếp công dân, công dân, doanh nghiệp, hài lòng,
công chức, viên chức, cán bộ, công sở, giải quyết, kịp thời, đúng hẹn, trễ hẹn,
chủ tịch, phó chủ tịch, bí thư, phó bí thư, trưởng thôn, tổ trưởng, tổ phó,
chi hội, chi đoàn, ban công tác mặt trận, ban điều hành, ban chỉ đạo, thường trực,
người cao tuổi, trẻ em, phụ nữ, thanh niên, thiếu niên, nhi đồng, cựu chiến binh,
gia đình chính sách, thương binh, liệt sĩ, người có công, mẹ Việt Nam anh hùng,
nhà tình nghĩa, nhà đại đoàn kết, nhà tình thương, bữa cơm, yêu thương, chia sẻ,
giúp đỡ, hỗ trợ, quyên góp, ủng hộ, đóng góp, ngày công, kinh phí, tiền, đồng,
triệu đồng, tỷ đồng, mét, ki lô mét, héc ta, sào, thửa, mảnh, khu, cánh đồng,
mương, kênh, bờ, đê, kè, sông, biển, bãi, cát, núi, đồi, làng, quê, quê hương,
ngư dân, tàu, thuyền, lưới, đánh bắt, bám biển, ra khơi, vào bờ, cảng, bến,
du lịch, du lịch cộng đồng, du khách, homestay, đặc sản, món ăn, chợ, buôn bán,
tiểu thương, làng nghề, nghề, thợ, lao động, việc làm, đào tạo, học nghề,
kỹ thuật, khoa học, máy móc, cơ giới hóa, tưới tiêu, thủy lợi, phân bón, thuốc,
hữu cơ, an toàn, sinh học, chất lượng, năng suất, sản lượng, lợi nhuận, giá trị,
kinh nghiệm, bài học, sáng kiến, sáng tạo, đổi mới, cách làm, cách nghĩ, tư duy,
niềm tin, đồng thuận, đồng lòng, đoàn kết, gắn bó, tình làng nghĩa xóm, nghĩa tình,
trách nhiệm, nghĩa vụ, quyền lợi, lợi ích, mong muốn, nguyện vọng, ý kiến,
kiến nghị, phản ánh, lắng nghe, đối thoại, gặp gỡ, thăm hỏi, động viên, khen thưởng,
giấy khen, bằng khen, biểu dương, tôn vinh, gương điển hình, điển hình, tiên tiến,
người tốt việc tốt, tấm gương, nêu gương, đi đầu, gương mẫu, tiên phong, nòng cốt,
kế hoạch, chương trình, đề án, dự án, nghị quyết, chỉ thị, quy chế, quy định,
hướng dẫn, tập huấn, hội nghị, cuộc họp, sinh hoạt, hội thi, cuộc thi, báo chí,
phóng viên, bài viết, tin, ảnh, phóng sự, truyền thanh, truyền hình, loa, đài,
mạng xã hội, zalo, điện thoại, máy tính, số hóa, chuyển đổi số, ứng dụng, phần mềm,
thông tin, dữ liệu, tài khoản, thanh toán, không dùng tiền mặt, mã, cổng,
sức khỏe, y tế, trạm y tế, bảo hiểm, bảo hiểm y tế, khám bệnh, tiêm chủng, dịch bệnh,
bệnh nhân, bác sĩ, thuốc men, nước sạch, giếng, ao, vườn, vườn rau, rau sạch,
bếp, cơm, gạo, muối, nước mắm, cá khô, bánh, chè, quà, quà tặng, xe đạp, áo,
sách vở, bàn ghế, mái nhà, tường, cổng ngõ, hàng rào, sân, ngõ, hẻm, đường bê tông,
đường làng, ngõ xóm, cầu, cống, trụ sở, nhà văn hóa, hội trường, sân chơi, bể bơi,
dạy bơi, đuối nước, mùa mưa, mùa khô, lũ lụt, bão, thiên tai, hạn hán, sạt lở,
cứu hộ, cứu nạn, di dời, khắc phục, tái thiết, phục hồi, ổn định, an cư,
bình đẳng, giới, bạo lực, bạo lực gia đình, hôn nhân, ly hôn, con cái, cha mẹ,
ông bà, vợ chồng, anh em, hàng xóm, láng giềng, người già, neo đơn, khuyết tật,
mồ côi, khó khăn, hoàn cảnh, vươn lên, thoát khỏi, vượt qua, nỗ lực, cố gắng,
kiên trì, bền bỉ, nhẫn nại, tận tình, tận tâm, chu đáo, gần gũi, thân thiện,
niềm nở, lễ phép, tôn trọng, tin tưởng, tin cậy, uy tín, trọng dụng, quý mến,
sẵn sàng, tình nguyện, tự nguyện, tự giác, chủ động, tích cực, nhiệt tình,
mùa vụ, vụ đông xuân, vụ hè thu, thu hoạch, gieo sạ, cấy, bón phân, phun thuốc,
sâu bệnh, dịch hại, chuột, cỏ dại, máy cày, máy gặt, máy bay không người lái,
nhà kính, nhà lưới, tưới nhỏ giọt, ươm, cây giống, con giống, bò giống, bò cái,
bê, chuồng trại, thức ăn, cỏ, rơm, phân chuồng, biogas, ủ phân, trùn quế,
trồng rau, rau an toàn, rau màu, dưa hấu, ớt, hành, tỏi, bắp, mì, mía, keo,
dừa, chuối, xoài, bưởi, cam, ổi, thanh long, hoa, hoa cúc, hoa mai, hoa giấy,
thủy sản, nuôi trồng, ao hồ, đầm, lồng bè, tôm thẻ, cá nước ngọt, ốc, cua, ghẹ,
hải sản, mực, cá ngừ, cá cơm, chà, ngư trường, hoàng sa, trường sa, chủ quyền,
biển đảo, bộ đội biên phòng, đồn biên phòng, cảnh sát, cảnh sát khu vực,
công an xã, công an phường, an ninh nông thôn, an ninh trật tự, trật tự an toàn,
giao thông, an toàn giao thông, tai nạn, mũ bảo hiểm, rượu bia, ma túy, cờ bạc,
trộm, cướp, lừa đảo, tín dụng đen, cho vay nặng lãi, cảnh giác, tố giác, nắm tình hình,
tổ an ninh, tổ tuần tra, chốt, kẻng, tiếng kẻng, báo động, bình chữa cháy,
vòi, phương án, diễn tập, tình huống, thoát nạn, cứu người, dân phòng,
phòng cháy chữa cháy, khu dân cư an toàn, gia đình văn hóa, thôn văn hóa,
khu phố văn hóa, nếp sống, văn minh đô thị, lễ hội, cưới, tang, việc hiếu, việc hỉ,
hủ tục, lãng phí, tiết kiệm, giản tiện, thuần phong mỹ tục, truyền thống,
lịch sử, di tích, di sản, chứng tích, tưởng niệm, tri ân, đền ơn đáp nghĩa,
uống nước nhớ nguồn, nghĩa trang, bia, đài tưởng niệm, chiến tranh, kháng chiến,
chiến sĩ, đồng đội, chiến trường, thời bình, hòa bình, độc lập, tự do,
Đảng, Bác Hồ, tư tưởng, đạo đức, phong cách, học tập và làm theo, chỉ thị 05,
dân chủ, quy chế dân chủ, dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát,
dân thụ hưởng, giám sát, phản biện, kiểm tra, đánh giá, tổng kết, sơ kết,
báo cáo, số liệu, tỷ lệ, phần trăm, chỉ tiêu, mục tiêu, kết quả, thành tích,
thành công, thất bại, hạn chế, tồn tại, nguyên nhân, giải pháp, nhiệm vụ,
trọng tâm, trọng điểm, then chốt, cơ sở, thực tiễn, lý luận, nhận thức, hành động,
chuyển biến, thay đổi, rõ rệt, tích cực, đáng kể, nổi bật, đáng ghi nhận,
lan tỏa, nhân rộng, duy trì, củng cố, nâng cao, mở rộng, tăng cường, đẩy mạnh,
phát huy, khơi dậy, huy động, nguồn lực, xã hội hóa, nhà hảo tâm, mạnh thường quân,
doanh nhân, con em, xa quê, quê nhà, tết, ngày lễ, mùng, rằm, đầu năm, cuối năm,
buổi sáng, buổi chiều, buổi tối, ban đêm, sáng sớm, chiều tối, ngày thường,
cuối tuần, chủ nhật, thứ bảy, ngày chủ nhật xanh, thứ bảy tình nguyện,
ngày thứ bảy vì dân, mùa hè xanh, tiếp sức mùa thi, kỳ thi, thi cử, điểm,
đỗ đạt, đại học, cao đẳng, trung học, tiểu học, mầm non, mẫu giáo, giáo viên,
phụ huynh, học trò, bài vở, học giỏi, học khá, vượt khó, hiếu học, khuyến học gia đình,
dòng họ khuyến học, cộng đồng học tập, thư viện, sách, báo, chữ, đọc, viết,
`

// vocabText2 continues the ranked vocabulary with less frequent words.
const vocabText2 = `
tuổi, tuổi trẻ, tuổi già, sức, sức lực, công sức, tâm huyết, tâm sức, nhiệt huyết,
vất vả, cực nhọc, nắng mưa, mưa gió, sớm hôm, ngày đêm, miệt mài, cần mẫn,
chăm chỉ, siêng năng, cần cù, chịu khó, tháo vát, năng động, nhạy bén, linh hoạt,
khéo léo, mềm mỏng, kiên quyết, quyết liệt, đồng bộ, thống nhất, chặt chẽ,
nghiêm túc, công khai, minh bạch, dân chủ hóa, rõ ràng, cụ thể, thiết thực,
hợp lý, phù hợp, đúng đắn, kịp lúc, đầy đủ, toàn diện, cơ bản, lâu dài, trước mắt,
ban đầu, lúc đầu, dần dần, từng bước, từng nhà, từng hộ, từng người, tận nhà,
tận nơi, cầm tay chỉ việc, mưa dầm thấm lâu, nói đi đôi với làm, trên dưới đồng lòng,
ý Đảng lòng dân, dân tin, dân theo, lòng dân, sức dân, của dân, vì dân, do dân,
nhà nước và nhân dân cùng làm, nhân dân làm chủ, quyền làm chủ, tiếng nói,
đề xuất, góp ý, hiến kế, hiến đất, hiến cây, hiến vật kiến trúc, giải phóng mặt bằng,
mặt bằng, đền bù, tái định cư, quy hoạch, đất đai, sổ đỏ, giấy chứng nhận,
quyền sử dụng đất, thửa đất, ranh giới, mốc giới, đo đạc, bản đồ, địa chính,
cán bộ địa chính, tư pháp, hộ tịch, khai sinh, khai tử, kết hôn, chứng thực,
cư trú, căn cước, căn cước công dân, định danh, định danh điện tử, VNeID,
bộ phận một cửa, tiếp nhận, trả kết quả, tra cứu, phiếu hẹn, lịch hẹn, phí, lệ phí,
miễn phí, bưu điện, bưu chính công ích, chuyển phát, tận nhà, qua mạng,
cổng dịch vụ công, dịch vụ công trực tuyến, toàn trình, một phần, nộp hồ sơ,
hướng dẫn viên, tình nguyện viên, tổ công nghệ số cộng đồng, kỹ năng số, công dân số,
điện thoại thông minh, mạng, internet, wifi, mã QR, quét mã, ví điện tử,
ngân hàng, ngân hàng chính sách xã hội, tổ tiết kiệm và vay vốn, tín dụng, lãi suất,
nợ, trả nợ, nợ quá hạn, vốn vay, sử dụng vốn, đúng mục đích, hiệu quả kinh tế,
mô hình kinh tế, kinh tế hộ, kinh tế vườn, kinh tế biển, kinh tế tập thể,
trang trại, gia trại, chủ trang trại, nông dân sản xuất kinh doanh giỏi, tỷ phú nông dân,
thương hiệu, nhãn hiệu, OCOP, sản phẩm OCOP, bao bì, tem, truy xuất nguồn gốc,
liên kết, chuỗi giá trị, bao tiêu, đầu ra, đầu vào, giá cả, thương lái, siêu thị,
hàng hóa, xuất khẩu, nhập khẩu, thương mại, điện tử, bán hàng trực tuyến, livestream,
công nghiệp, tiểu thủ công nghiệp, cơ khí, xây dựng cơ bản, công trình, nhà thầu,
thi công, nghiệm thu, bàn giao, vận hành, bảo trì, sửa chữa, nâng cấp, cải tạo,
bê tông hóa, nhựa hóa, kiên cố hóa, mương bê tông, đường giao thông nông thôn,
hạ tầng, cơ sở hạ tầng, điện lưới, điện mặt trời, năng lượng, tiết kiệm điện,
nước thải, xử lý, hố rác, thùng rác, xe thu gom, thu gom, vận chuyển, bãi rác,
tái chế, phế liệu, ve chai, nhựa, túi ni lông, chai nhựa, chống rác thải nhựa,
phân hữu cơ, rác hữu cơ, rác vô cơ, thùng phân loại, ủ rác, khu vực, địa bàn,
điểm đen, điểm nóng, ô nhiễm, khói bụi, tiếng ồn, cảnh quan, mỹ quan, vỉa hè,
lòng đường, lấn chiếm, trật tự đô thị, xây dựng trái phép, giấy phép, cấp phép,
kiểm tra định kỳ, nhắc nhở, xử phạt, vi phạm, cam kết, ký cam kết, hương ước,
quy ước, nội quy, điều lệ, thỏa thuận, hợp đồng, biên bản, văn bản, công văn,
quyết định, tờ trình, đơn, đơn thư, khiếu nại, tố cáo, khiếu kiện, kéo dài,
vượt cấp, tiếp xúc cử tri, cử tri, đại biểu, hội đồng nhân dân, đại biểu hội đồng nhân dân,
kỳ họp, chất vấn, trả lời, giải trình, tiếp thu, ghi nhận, thấu hiểu, thấu tình đạt lý,
có lý có tình, hợp tình hợp lý, nhường nhịn, bỏ qua, làm lành, hàn gắn, xóa bỏ,
hiềm khích, bất đồng, va chạm, cãi vã, xô xát, bức xúc, căng thẳng, êm thấm,
hòa thuận, yên ấm, hạnh phúc, no ấm, sung túc, khá giả, khấm khá, dư dả, ấm no,
nghèo khó, túng thiếu, nợ nần, bệnh tật, ốm đau, tai ương, rủi ro, biến cố,
mất mùa, được mùa, được giá, mất giá, trúng mùa, bội thu, thất thu, lỗ, lãi,
vụ mùa, đồng ruộng, bờ ruộng, bờ vùng bờ thửa, ô thửa, thửa lớn, thửa nhỏ,
manh mún, nhỏ lẻ, tập trung, quy mô, quy mô lớn, cánh đồng lớn, cánh đồng mẫu lớn,
vùng chuyên canh, vùng nguyên liệu, cây lúa, cây màu, cây ăn quả, cây công nghiệp,
cây lâu năm, cây ngắn ngày, luân canh, xen canh, trái vụ, chính vụ, thời vụ,
lịch thời vụ, giống mới, giống lúa, lúa giống, giống bò lai, bò lai, bò sind,
phối giống, thụ tinh nhân tạo, thú y, tiêm phòng, dịch tả, lở mồm long móng,
chuồng, trại, đàn, đàn bò, đàn heo, đàn gà, con, cặp, con bê, bê con, luân chuyển,
trao, nhận, trao tặng, tiếp nhận, bàn giao, cam kết hoàn trả, quay vòng, vòng quay,
tổ chức, cá nhân, tập thể, đơn vị, ban ngành, đoàn thể chính trị xã hội,
mặt trận tổ quốc Việt Nam, liên đoàn lao động, công đoàn, đoàn viên công đoàn,
hội liên hiệp phụ nữ, chi hội phụ nữ, hội viên phụ nữ, phụ nữ tiết kiệm, heo đất,
nuôi heo đất, tiết kiệm heo đất, góp vốn xoay vòng, hụi, tổ vay vốn,
đoàn thanh niên cộng sản Hồ Chí Minh, thanh niên tình nguyện, đội hình, đội,
đội viên, chiến dịch, ra quân, xung kích, đoàn viên thanh niên, chi đoàn thôn,
câu lạc bộ, câu lạc bộ dưỡng sinh, câu lạc bộ dân ca, câu lạc bộ thơ, văn nghệ,
thể dục, thể thao, bóng đá, bóng chuyền, cờ tướng, dưỡng sinh, đi bộ, sân bóng,
dân ca, bài chòi, hò, vè, ca dao, thơ, hát, múa, diễn, biểu diễn, giao lưu,
sinh hoạt cộng đồng, không gian, công viên, quảng trường, bờ sông, bờ biển,
rặng dừa, rừng, rừng phòng hộ, rừng ngập mặn, cây phi lao, phi lao, keo lai,
trồng rừng, bảo vệ rừng, giữ rừng, cháy rừng, khai thác, khoáng sản, cát sỏi,
khai thác cát, bờ bãi, sạt lở bờ sông, bồi lấp, xâm thực, triều cường, nước dâng,
ngập úng, thoát nước, cống thoát nước, ngập, đắp, đê bao, bờ kè, kè sông, kè biển,
tàu cá, chủ tàu, thuyền trưởng, bạn thuyền, ngư cụ, nhật ký khai thác, thiết bị,
định vị, giám sát hành trình, tần số, liên lạc, cứu nạn trên biển, tổ đoàn kết,
tổ đoàn kết trên biển, nghiệp đoàn nghề cá, chi hội nghề cá, ngư nghiệp, nghề cá,
chế biến, phơi, sấy, đóng gói, bảo quản, kho lạnh, đá lạnh, thương phẩm, đầu mối,
xăng dầu, chi phí, giảm chi phí, tăng thu nhập, thu nhập bình quân, đầu người,
mức sống, chuẩn nghèo, đa chiều, rà soát, bình xét, danh sách, hộ thoát nghèo,
hộ khá, hộ giàu, hộ mới thoát nghèo, hộ làm kinh tế giỏi, sinh kế, phương tiện,
tư liệu sản xuất, công cụ, dụng cụ, cái cày, cái cuốc, xẻng, liềm, máy bơm,
ống nước, dây điện, bóng đèn, cột điện, đèn đường, đèn năng lượng mặt trời,
thắp sáng, thắp sáng đường quê, con đường, con đường sáng, con đường hoa,
con đường bích họa, bích họa, tranh, vẽ, sơn, trang trí, chỉnh trang, khang trang,
sạch sẽ, ngăn nắp, gọn gàng, thoáng mát, rợp bóng, bóng mát, hàng cây,
bồn hoa, chậu hoa, hoa mười giờ, hoa sứ, hoa dừa cạn, cỏ lạc, tường rào xanh,
hàng rào xanh, cổng rào, cổng chào, bảng, biển báo, khẩu hiệu, pa nô, áp phích,
tờ rơi, tài liệu, loa phát thanh, loa truyền thanh, hệ thống loa, bản tin,
chuyên mục, phát sóng, tiếp sóng, truyền thanh cơ sở, thông tin cơ sở,
tuyên truyền miệng, báo cáo viên, tuyên truyền viên, cộng tác viên, nhóm zalo,
trang facebook, fanpage, livestream, clip, video, hình ảnh, tư liệu,
`

// vocabText3 is the tail of the ranked vocabulary: single syllables and
// rarer words that give the corpus a long tail.
const vocabText3 = `
ăn, uống, ngủ, nghỉ, chơi, học, dạy, đọc, hát, múa, chạy, đứng, ngồi, nằm, mở,
đóng, cầm, nắm, mang, vác, xách, đẩy, kéo, leo, trèo, bơi, lặn, câu, thả, kéo lưới,
cày, bừa, gieo, cấy, gặt, phơi, xay, giã, nấu, nướng, luộc, kho, chiên, xào, rang,
bán, mua, đổi, trả, vay, mượn, cho mượn, gửi, nhận, trao, tặng, biếu, mời, đón,
tiễn, thăm, hỏi thăm, chào, cảm ơn, xin lỗi, cười, khóc, vui, buồn, lo, sợ, mừng,
thương, nhớ, quên, tin, ngờ, hiểu, thuộc, quen, lạ, mới mẻ, cũ, xưa, nay mai,
sớm, muộn, trễ, kịp, vội, chờ, đợi, mong, ước, hứa, giữ lời, giữ, bỏ, bắt đầu,
kết thúc, tiếp tục, dừng, ngừng, thôi, lại, nữa, thêm nữa, cũng vậy, như vậy,
như thế, thế nào, làm sao, vì sao, tại sao, bởi vì, cho nên, nên chi, vả lại,
hơn nữa, thậm chí, chẳng hạn, ví dụ, cụ thể là, nghĩa là, tức là, nói chung,
nói riêng, trước hết, trước tiên, sau cùng, cuối cùng, một là, hai là, ba là,
đầu tiên, thứ nhất, thứ hai, thứ ba, lần đầu, lần nữa, mấy, vài, dăm, chục,
hàng chục, hàng trăm, hàng nghìn, hàng triệu, hàng tỷ, rưỡi, nửa, phần, mảng,
góc, đầu, cuối, giữa chừng, bên trong, bên ngoài, phía trước, phía sau, phía trên,
phía dưới, bên trái, bên phải, đông, tây, nam, bắc, miền, miền Trung, miền núi,
đồng bằng, ven biển, ven sông, trung tâm, ngoại ô, ven đô, nội thành, ngoại thành,
nắng, mưa, gió, mây, trời, đất trời, sấm, chớp, sương, lạnh, nóng, ấm, mát, khô,
ướt, ẩm, ngập nước, trong xanh, đục, mặn, ngọt, chua, cay, đắng, thơm, ngon,
bổ, rẻ, đắt, giàu, nghèo, khá, đẹp đẽ, xấu, sáng, tối, đen, trắng, đỏ, vàng,
xanh lá, tím, hồng, nâu, to, bé, dài, ngắn, rộng, hẹp, sâu, nông, dày, mỏng,
nặng, nhẹ, cứng, mềm, chắc chắn, lỏng lẻo, vững, vững vàng, vững chắc, bền,
mới tinh, sạch đẹp, khang trang, tươm tất, chỉn chu, đàng hoàng, tử tế, hiền,
hiền lành, chất phác, mộc mạc, giản dị, chân chất, thật thà, thẳng thắn, cởi mở,
hào hứng, phấn khởi, vui vẻ, hồ hởi, tự hào, xúc động, cảm động, bồi hồi, trăn trở,
băn khoăn, lo lắng, e ngại, ngần ngại, hoài nghi, phản đối, đồng ý, tán thành,
ủng hộ nhiệt tình, hưởng ứng, làm theo, noi gương, học hỏi, trao đổi, bàn bạc,
thảo luận, thống nhất cao, nhất trí, biểu quyết, bình chọn, đề cử, bầu, bầu cử,
nhiệm kỳ, khóa, ban chấp hành, ban thường vụ, thường vụ, ủy viên, thành viên,
hội đồng, ban quản lý, ban giám sát, ban thanh tra nhân dân, thanh tra, kiểm toán,
tài chính, ngân sách, quỹ, quỹ vì người nghèo, quỹ khuyến học, quỹ hội, quỹ tín dụng,
tiền mặt, chuyển khoản, sổ sách, chứng từ, thu chi, công khai tài chính, minh bạch hóa,
chữ ký, con dấu, mẫu đơn, biểu mẫu, thủ tục hành chính, rút ngắn, cắt giảm,
đơn giản hóa, thời gian, thời hạn, quá hạn, đúng hạn, sớm hạn, trước hạn, hài lòng cao,
chỉ số, chỉ số hài lòng, xếp hạng, đứng đầu, dẫn đầu, top, vị trí, thứ hạng,
so sánh, cùng kỳ, năm trước, năm ngoái, năm nay, năm tới, giai đoạn, thời kỳ,
nhiệm kỳ mới, chặng đường, hành trình, dấu ấn, cột mốc, bước ngoặt, khởi đầu,
nền tảng, tiền đề, động lực, điều kiện, cơ hội, thách thức, trở ngại, vướng mắc,
khúc mắc, băn khoăn chung, tâm tư, tâm tư nguyện vọng, tâm lý, suy nghĩ, quan điểm,
thói quen, tập quán, lề lối, nếp nghĩ, nếp làm, cung cách, tác phong, thái độ,
hành vi, ứng xử, văn hóa ứng xử, văn hóa công sở, nụ cười, lời chào, câu chuyện,
chuyện, chuyện làng, chuyện xóm, kể chuyện, tâm sự, trải lòng, bộc bạch, cho biết,
chia sẻ thêm, nhớ lại, kể lại, nhấn mạnh, khẳng định, cho rằng, nhận định, đánh giá cao,
ghi nhận, khen ngợi, biểu dương kịp thời, nhắc nhở, phê bình, góp ý thẳng thắn,
tự phê bình, kiểm điểm, rút kinh nghiệm, sửa sai, khắc phục hạn chế, chấn chỉnh,
ngôi nhà, mái ấm, căn nhà, nhà cấp bốn, nhà tạm, nhà dột nát, nhà kiên cố,
xây mới, sửa nhà, dựng nhà, làm nhà, khởi công, khánh thành, bàn giao nhà,
dọn về, an cư lạc nghiệp, định canh định cư, ổn định cuộc sống, vực dậy, đứng dậy,
tự lực, tự cường, tự chủ, tự quản cộng đồng, tự giác chấp hành, nghiêm chỉnh,
chấp hành, pháp luật, luật, nghị định, thông tư, chính sách, chế độ, trợ cấp,
trợ cấp xã hội, bảo trợ xã hội, an sinh xã hội, phúc lợi, chăm lo, chăm sóc,
nuôi dưỡng, bảo vệ, che chở, đùm bọc, lá lành đùm lá rách, tương thân tương ái,
lá rách ít đùm lá rách nhiều, nghĩa cử, việc làm nhỏ, ý nghĩa, thiết thực hơn,
niềm vui, nụ cười trẻ thơ, tiếng cười, giọt nước mắt, mồ hôi, công lao, ân tình,
hậu phương, tiền tuyến, chiến công, huân chương, huy chương, kỷ niệm chương,
danh hiệu, chiến sĩ thi đua, lao động tiên tiến, thi đua, khen thưởng đột xuất,
phát động, hưởng ứng phong trào, đăng ký, đăng ký thi đua, giao ước, giao ước thi đua,
chấm điểm, tiêu chí, bộ tiêu chí, đạt chuẩn, nâng chuẩn, kiểu mẫu, thông minh,
xanh sạch đẹp, sáng xanh sạch đẹp, năm không ba sạch, ba sạch, không rác, sống xanh,
lối sống, sống đẹp, sống có ích, có ích, hữu ích, bổ ích, đáng quý, đáng trân trọng,
trân trọng, quý báu, quý giá, vô giá, hiếm hoi, hiếm có, đặc biệt, riêng có,
độc đáo, mới lạ, khác biệt, nổi trội, vượt trội, xuất sắc, tiêu biểu, đáng học tập,
mẫu mực, chuẩn mực, hình mẫu, biểu tượng, niềm tự hào, niềm tin yêu, tin yêu,
thương mến, quý trọng, kính trọng, nể phục, cảm phục, khâm phục, ngưỡng mộ,
đất lành, quê nghèo, vùng quê, vùng ven, vùng trũng, vùng cát, vùng bãi ngang,
bãi ngang ven biển, xã bãi ngang, cát trắng, đồi cát, ruộng cát, bãi bồi, bãi sông,
phù sa, màu mỡ, bạc màu, cằn cỗi, khô cằn, nhiễm mặn, nước mặn, nước lợ, nước ngọt,
`

// phrasesText holds multi-syllable phrases and place names inserted into
// running text, in addition to the locality names of _site.yaml.
const phrasesText = `
Quảng Ngãi, thành phố Quảng Ngãi, tỉnh Quảng Ngãi, sông Trà Khúc, sông Trà Bồng,
sông Phước Giang, núi Thiên Ấn, núi Thiên Bút, Mỹ Khê, biển Mỹ Khê, Sơn Tịnh,
Tư Nghĩa, Sơn Mỹ, cửa Đại, cầu Trà Khúc, cầu Thạch Bích, đảo Lý Sơn, Ba Tơ,
Hùng Vương, đường Quang Trung, đường Phạm Văn Đồng, chợ Quảng Ngãi, Bàu Giang,
đồng Cây Sanh, kênh Thạch Nham, thủy lợi Thạch Nham, khu kinh tế Dung Quất,
“Dân vận khéo”, phong trào “Dân vận khéo”, công tác dân vận, dân vận chính quyền,
Ban Dân vận Thành ủy, Ban Dân vận, Khối dân vận, Ủy ban Mặt trận Tổ quốc,
Hội Nông dân, Hội Liên hiệp Phụ nữ, Đoàn Thanh niên, Hội Cựu chiến binh,
Hội Người cao tuổi, Hội Khuyến học, Hội Chữ thập đỏ, Công an thành phố,
Ban Chỉ huy Quân sự, Ngân hàng Chính sách xã hội, Trung tâm Phục vụ hành chính công,
Tết Nguyên đán, ngày hội Đại đoàn kết toàn dân tộc, ngày 18/11, tháng 7 tri ân,
Chương trình mục tiêu quốc gia, chương trình xây dựng nông thôn mới,
`

// headingsText lists section headings; "%s" becomes a locality's full name.
const headingsText = `
Từ những khó khăn ban đầu
Cách làm sáng tạo, gần dân
Kiên trì vận động từng hộ
Khi người dân cùng đồng lòng
Hiệu quả thiết thực từ mô hình
Những con số biết nói
Nhân rộng mô hình ra các thôn, xóm
Bài học từ công tác dân vận khéo
Cán bộ đi trước, làng nước theo sau
Lắng nghe để hiểu dân
Niềm vui của người dân %s
Đổi thay ở %s
Chặng đường tiếp theo
Gắn kết tình làng nghĩa xóm
Nguồn lực từ trong dân
Giữ vững thành quả đã đạt được
Khó khăn vẫn còn ở phía trước
Sức lan tỏa trong cộng đồng
Dân biết, dân bàn, dân làm, dân kiểm tra
Những tấm gương bình dị
Vượt khó vươn lên
Mô hình hay, cách làm hiệu quả
Từ ý tưởng đến hành động
Khi chính quyền gần dân hơn
Thay đổi nếp nghĩ, cách làm
Ghi nhận từ cơ sở
Góc nhìn của người trong cuộc
Kinh nghiệm rút ra
Đề xuất, kiến nghị
Kỳ vọng vào thế hệ trẻ
Lời hứa với bà con
Những người giữ lửa
Một ngày ở %s
Câu chuyện bắt đầu từ một cuộc họp thôn
Dấu ấn của các đoàn thể
Sự đồng hành của chính quyền
Chuyển biến rõ nét về nhận thức
Thực hiện quy chế dân chủ ở cơ sở
Phát huy vai trò người có uy tín
Hướng đi bền vững
`

// Models by area: the base names of "Dân vận khéo" models, one a line.
const modelsKinhTe = `
Bò giống giảm nghèo
Dồn điền, đổi thửa
Trồng rau an toàn theo hướng hữu cơ
Tổ tiết kiệm và vay vốn giúp nhau thoát nghèo
Chuyển đổi cây trồng trên đất lúa kém hiệu quả
Cánh đồng mẫu lớn
Heo giống luân chuyển
Du lịch cộng đồng
Tổ hợp tác nuôi trồng thủy sản
Hợp tác xã dịch vụ nông nghiệp kiểu mới
Phụ nữ khởi nghiệp
Nông dân sản xuất kinh doanh giỏi
Ngư dân bám biển
Vườn mẫu nông thôn mới
Nuôi trùn quế làm phân hữu cơ
Liên kết tiêu thụ nông sản
Gà thả vườn giảm nghèo
Hiến đất làm đường giao thông nông thôn
`

const modelsVanHoa = `
Tự phân loại rác thải tại gia đình
Tủ sách cộng đồng
Dòng họ khuyến học
Bữa cơm yêu thương
Lớp dạy bơi miễn phí cho trẻ em
Tuyến đường hoa
Ngày Chủ nhật xanh
Quỹ học bổng tiếp sức đến trường
Câu lạc bộ dưỡng sinh người cao tuổi
Nhà tình nghĩa
Khu dân cư không rác thải nhựa
Gia đình văn hóa, khu dân cư văn hóa
Hũ gạo tình thương
Ống heo tiết kiệm vì bạn nghèo
Sân chơi cho thiếu nhi
Con đường bích họa
`

const modelsAnNinh = `
Camera an ninh
Tổ tự quản an ninh trật tự
Tổ hòa giải ở cơ sở
Khu dân cư an toàn về phòng cháy, chữa cháy
Tổ đoàn kết đánh bắt trên biển
Cựu chiến binh giữ bờ sông
Thắp sáng đường quê
Tiếng kẻng an ninh
Nhóm Zalo an ninh trật tự
Khu dân cư không có tội phạm và tệ nạn xã hội
Phụ nữ nói không với tín dụng đen
Tuần tra nhân dân
Thanh niên xung kích giữ gìn trật tự
Điểm chữa cháy công cộng
`

const modelsChinhTri = `
Chi bộ gần dân
Khu dân cư kiểu mẫu
Tổ trưởng tổ tự quản
Mỗi đảng viên gắn với một hộ gia đình
Thanh niên tình nguyện
Phụ nữ tiết kiệm
Hội viên giúp nhau làm kinh tế
Đối thoại với nhân dân
Dân vận khéo trong công tác mặt trận
Cựu chiến binh giúp nhau giảm nghèo
Chi hội kiểu mẫu
Đảng viên nêu gương
Ngày đoàn viên
Người có uy tín trong cộng đồng
`

const modelsNhaNuoc = `
Một cửa liên thông
Ngày thứ bảy vì dân
Dịch vụ công trực tuyến
Tiếp công dân thân thiện
Cán bộ đến tận nhà hướng dẫn thủ tục
Số hóa hồ sơ hộ tịch
Trả kết quả tại nhà
Nụ cười công sở
Tổ công nghệ số cộng đồng
Bốn tại chỗ trong giải quyết thủ tục hành chính
Đường dây nóng của chủ tịch
Hộp thư góp ý của dân
Giải quyết thủ tục không hẹn ngày
`

// tagsText lists the free tags, by area then common ones.
const tagsText = `
kinh-te: nông nghiệp, dồn điền, giảm nghèo, chăn nuôi, vay vốn, hợp tác xã, nông thôn mới, thủy sản, du lịch, kinh tế hộ
van-hoa-xa-hoi: môi trường, khuyến học, rác thải, an sinh xã hội, văn hóa, trẻ em, người cao tuổi, đọc sách, nhà tình nghĩa
quoc-phong-an-ninh: an ninh trật tự, camera, hòa giải, phòng cháy chữa cháy, ngư dân, tự quản, tệ nạn xã hội, giao thông
he-thong-chinh-tri: chi bộ, mặt trận, đoàn thanh niên, hội phụ nữ, cựu chiến binh, đảng viên, dân chủ cơ sở, đoàn kết
co-quan-nha-nuoc: cải cách hành chính, một cửa, dịch vụ công, chuyển đổi số, tiếp công dân, hộ tịch, công chức
*: dân vận khéo, gương điển hình, cộng đồng, đổi mới, sáng kiến
`

// Organisations by area: the prefix of a unit name, before the locality.
const unitsText = `
kinh-te: Hội Nông dân, Hội Liên hiệp Phụ nữ, Hội Cựu chiến binh, Hợp tác xã Nông nghiệp, Chi hội Nghề cá, Ủy ban nhân dân
van-hoa-xa-hoi: Hội Khuyến học, Hội Liên hiệp Phụ nữ, Đoàn Thanh niên, Hội Người cao tuổi, Hội Chữ thập đỏ, Ủy ban Mặt trận Tổ quốc Việt Nam
quoc-phong-an-ninh: Công an, Ban Chỉ huy Quân sự, Hội Cựu chiến binh, Ban Công tác Mặt trận, Đoàn Thanh niên
he-thong-chinh-tri: Đảng ủy, Ủy ban Mặt trận Tổ quốc Việt Nam, Hội Liên hiệp Phụ nữ, Đoàn Thanh niên, Hội Nông dân, Hội Cựu chiến binh
co-quan-nha-nuoc: Ủy ban nhân dân, Bộ phận Một cửa, Công an, Văn phòng HĐND và UBND
`

// Names: family names by frequency, middle names and given names.
const (
	surnamesText     = `Nguyễn, Trần, Lê, Phạm, Huỳnh, Võ, Phan, Trương, Bùi, Đặng, Đỗ, Ngô, Hồ, Dương, Đinh, Lương, Đoàn, Châu, Lâm, Mai, Cao, Tạ, Hoàng, Vũ, Thái, Lý`
	maleMiddleText   = `Văn, Hữu, Đức, Minh, Quốc, Công, Thanh, Xuân, Tấn, Quang, Bá, Đình, Ngọc, Trung`
	femaleMiddleText = `Thị, Thị, Thị, Ngọc, Thu, Kim, Thanh, Mỹ, Hồng, Bích, Xuân`
	maleNamesText    = `An, Bình, Cường, Dũng, Đạt, Hải, Hùng, Hưng, Khánh, Lâm, Long, Minh, Nam, Nghĩa, Phong, Phúc, Quang, Sơn, Tài, Tâm, Thắng, Thành, Thiện, Toàn, Trí, Trung, Tuấn, Vinh, Vũ, Hòa, Lộc, Kiên`
	femaleNamesText  = `Anh, Châu, Dung, Hà, Hạnh, Hoa, Hồng, Hương, Lan, Liên, Linh, Loan, Mai, Nga, Ngân, Nhung, Oanh, Phương, Quyên, Sương, Thảo, Thu, Thủy, Trang, Tuyết, Vân, Xuân, Yến, Hiền, Lệ`
)

// Press outlets for contest entries, by media.
const outletsText = `
bao-in: Báo Quảng Ngãi, Báo Nhân Dân, Tạp chí Dân vận, Báo Nông thôn ngày nay
bao-dien-tu: Báo Quảng Ngãi điện tử, Cổng thông tin điện tử thành phố Quảng Ngãi, Báo Dân Việt, Báo điện tử Đảng Cộng sản Việt Nam
phat-thanh: Đài Truyền thanh - Truyền hình thành phố Quảng Ngãi, Đài Phát thanh và Truyền hình Quảng Ngãi
truyen-hinh: Đài Truyền thanh - Truyền hình thành phố Quảng Ngãi, Đài Phát thanh và Truyền hình Quảng Ngãi
`

// Villages and residential groups (thôn, tổ dân phố) named in the text.
const villagesText = `
thôn An Hội, thôn Phú Lộc, thôn Thạch Bích, thôn Hòa Bình, thôn An Lộc, thôn Long Bàn,
thôn Cổ Lũy, thôn Mỹ Lại, thôn Khê Tân, thôn Phước Lộc, thôn Trường Thọ, thôn Xuân Yên,
thôn Hoàng Châu, thôn Phú Mỹ, thôn Đông Hòa, thôn Tân Mỹ, thôn Thu Xà, thôn Năng Tây,
tổ dân phố 1, tổ dân phố 3, tổ dân phố 5, tổ dân phố 7, tổ dân phố 9, tổ dân phố 12,
khu dân cư số 2, khu dân cư số 4, xóm Bàu, xóm Giữa, xóm Biển, xóm Cát
`

// Roles of the people quoted in articles.
const rolesText = `
trưởng thôn, bí thư chi bộ thôn, chủ tịch Hội Nông dân, chi hội trưởng phụ nữ,
tổ trưởng tổ dân phố, trưởng ban công tác mặt trận, công an viên, phó chủ tịch Ủy ban nhân dân,
phó chủ tịch Ủy ban Mặt trận Tổ quốc, bí thư đoàn thanh niên, chủ tịch Hội Cựu chiến binh,
công chức bộ phận một cửa, chủ nhiệm hợp tác xã, tổ trưởng tổ hòa giải, người dân trong thôn,
hội viên nông dân, giáo viên về hưu, chủ tịch Hội Khuyến học, thôn đội trưởng, trưởng khu dân cư
`

// sentencesText holds sentence frames with slots: {loc} locality,
// {model} quoted model name, {unit}, {person} name with role, {name},
// {village}, {n} small count, {N} large count, {pct} percentage,
// {small} small decimal, {money}, {year}, {salad} a free clause,
// {phrase} a place name or set phrase.
const sentencesText = `
Mô hình {model} được {unit} triển khai từ năm {year}.
Đến nay, toàn {loc} đã có {n} hộ tham gia mô hình.
Theo {person}, cái khó nhất lúc đầu là làm sao để người dân hiểu và đồng thuận.
Sau {n} năm thực hiện, đã có {n} hộ thoát nghèo, nhiều hộ vươn lên khá giả.
Tổng kinh phí thực hiện khoảng {money}, trong đó nhân dân đóng góp hơn {pct}%.
{person}, chia sẻ: “{salad}”.
Ở {loc}, câu chuyện về {model} được bà con nhắc đến nhiều trong các buổi sinh hoạt thôn.
Cán bộ {unit} đã đến từng nhà, gặp từng người để vận động.
Nhờ cách làm này, tỷ lệ hộ nghèo của {loc} giảm còn {small}%.
Năm {year}, mô hình được Ủy ban nhân dân thành phố tặng giấy khen.
Nhiều hộ dân ở {village} đã tự nguyện hiến {N} m² đất để mở rộng đường làng.
Mỗi tháng, các thành viên họp một lần để bàn bạc, rút kinh nghiệm.
Từ {n} hộ ban đầu, đến nay mô hình đã lan ra {n} thôn, tổ dân phố.
Theo thống kê của {unit}, năm {year} có hơn {N} lượt người dân được hỗ trợ.
Điều đáng quý là bà con đã xem đây là việc của chính mình.
“{salad}”, {name} nói.
Mô hình {model} ở {loc} là minh chứng sinh động cho tinh thần “Dân vận khéo”.
Mỗi hộ được hỗ trợ {money} để mua con giống, vật tư sản xuất.
Sau khi dồn điền, đổi thửa, số thửa bình quân mỗi hộ giảm từ {n} xuống còn {n} thửa.
Năm {year}, toàn {loc} thu gom, xử lý được khoảng {N} tấn rác thải sinh hoạt.
Hệ thống {n} camera an ninh được lắp đặt tại các tuyến đường chính của {village}.
Từ khi có mô hình, trên địa bàn {village} không còn xảy ra tình trạng trộm cắp vặt.
Tổ hòa giải đã hòa giải thành công {n} vụ việc, không để phát sinh điểm nóng.
Thời gian giải quyết hồ sơ rút ngắn từ {n} ngày xuống còn {n} ngày.
Tỷ lệ hồ sơ được giải quyết đúng hạn và trước hạn đạt {pct}%.
Ngay từ đầu, {unit} xác định phải làm từ những việc nhỏ, dễ thấy, dễ làm.
Không ít người còn e ngại, sợ mất đất, sợ thiệt thòi cho gia đình mình.
Cán bộ kiên trì giải thích, đưa bà con đi tham quan những nơi đã làm thành công.
{person}, nhớ lại: “{salad}”.
Nhiều buổi tối, cán bộ thôn và hội viên ngồi lại với bà con đến khuya.
Mô hình đã góp phần hoàn thành tiêu chí nông thôn mới của {loc}.
Đây cũng là một trong những mô hình tiêu biểu của phong trào thi đua “Dân vận khéo” năm {year}.
Với {model}, người dân {village} giờ đã quen với nếp sống mới.
Chi bộ {village} ra nghị quyết chuyên đề, giao cho từng đảng viên phụ trách từng nhóm hộ.
Mỗi đảng viên, hội viên gương mẫu đi đầu, rồi vận động người thân, hàng xóm cùng làm.
Từ {phrase} đến {phrase}, đâu đâu cũng nghe bà con nhắc đến mô hình này.
Năm {year}, {loc} có thêm {n} tuyến đường được bê tông hóa nhờ sức dân.
Hằng năm, quỹ khuyến học của dòng họ trao hơn {n} suất học bổng cho học sinh nghèo vượt khó.
Mỗi suất quà trị giá {money}, được trao tận tay các em trước ngày khai giảng.
Năng suất lúa bình quân đạt {n} tạ mỗi héc ta, cao hơn trước từ {small} đến {n} tạ.
Thu nhập bình quân của các hộ tham gia tăng khoảng {pct}% so với trước.
Tổ tự quản duy trì tuần tra vào ban đêm, nhất là dịp lễ, tết.
Mọi thông tin về an ninh, trật tự đều được báo ngay qua nhóm Zalo của thôn.
Lực lượng công an xã phối hợp với các đoàn thể tuyên truyền phòng, chống tội phạm.
Bộ phận một cửa của {loc} bố trí công chức hướng dẫn người dân nộp hồ sơ trực tuyến.
Người dân không phải đi lại nhiều lần, không phải chờ đợi như trước.
Những ý kiến của người dân đều được ghi nhận và trả lời công khai.
{person}, cho biết thời gian tới sẽ tiếp tục nhân rộng mô hình ra toàn {loc}.
Theo {person}, muốn dân tin thì cán bộ phải nói đi đôi với làm.
Mô hình {model} đã được {unit} sơ kết, rút kinh nghiệm sau {n} năm thực hiện.
Kinh phí duy trì chủ yếu do người dân tự nguyện đóng góp, mỗi hộ {n} nghìn đồng mỗi tháng.
Ban đầu chỉ có {n} hộ đăng ký, nhưng chỉ sau một năm đã có hơn {N} hộ tham gia.
Nhiều hộ ở {village} đã mạnh dạn vay vốn {money} để đầu tư chuồng trại.
Các thành viên thay phiên nhau trực, ghi chép sổ sách đầy đủ, công khai thu chi.
Đoàn viên thanh niên {loc} ra quân dọn vệ sinh, trồng cây xanh vào ngày chủ nhật cuối tháng.
Hội Liên hiệp Phụ nữ {loc} vận động hội viên phân loại rác ngay tại nhà.
Hội Cựu chiến binh nhận phụ trách {n} tuyến đường tự quản.
`

// summariesText holds one-sentence summaries with the same slots.
const summariesText = `
Mô hình {model} của {unit} giúp {n} hộ dân ở {loc} thay đổi cách làm ăn.
Sau {n} năm thực hiện, mô hình {model} ở {loc} đã lan ra {n} thôn, tổ dân phố.
Bằng cách đến từng nhà, lắng nghe từng người, cán bộ {loc} đã vận động bà con cùng làm {model}.
Từ mô hình {model}, {loc} có thêm {n} hộ thoát nghèo và nhiều con đường sáng, xanh, sạch.
Câu chuyện dân vận khéo ở {village}, {loc}: khi người dân được bàn và được làm.
{unit} kể lại chặng đường {n} năm đưa mô hình {model} vào cuộc sống.
Người dân {loc} tự nguyện góp {money} và hàng nghìn ngày công cho mô hình {model}.
Mô hình {model} giúp {loc} giữ vững an ninh, trật tự và gắn kết tình làng nghĩa xóm.
`
